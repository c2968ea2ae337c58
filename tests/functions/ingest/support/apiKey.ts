/** The key the fake YouTube API accepts in tests (shaped like a real one, so redaction is tested). */
export const API_KEY = 'AIzaSyTEST-key-0123456789abcdefghijklm';
