const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** timestamptz text in any session zone → `YYYY-MM-DD HH:MM:SS[.ffffff]` in UTC, as AWS returns it. */
export function timestamptzToUtc(text: string): string {
  const m =
    /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(\.\d+)?([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?( BC)?$/.exec(
      text,
    );
  if (!m) return text; // infinity, -infinity
  const offset = Number(m[9]) * 3600 + Number(m[10] ?? 0) * 60 + Number(m[11] ?? 0);
  const fraction = m[7] ?? '';
  const bc = m[12] ?? '';
  if (offset === 0) return `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}${fraction}${bc}`;
  const sign = m[8] === '+' ? 1 : -1;
  const local = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
  );
  const utc = new Date(local - sign * offset * 1000);
  return (
    `${pad(utc.getUTCFullYear(), 4)}-${pad(utc.getUTCMonth() + 1)}-${pad(utc.getUTCDate())} ` +
    `${pad(utc.getUTCHours())}:${pad(utc.getUTCMinutes())}:${pad(utc.getUTCSeconds())}${fraction}${bc}`
  );
}

/** timetz text → `HH:MM:SS[.ffffff]` in UTC. */
export function timetzToUtc(text: string): string {
  const m = /^(\d\d):(\d\d):(\d\d)(\.\d+)?([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?$/.exec(text);
  if (!m) return text;
  const sign = m[5] === '+' ? 1 : -1;
  const offset = Number(m[6]) * 3600 + Number(m[7] ?? 0) * 60 + Number(m[8] ?? 0);
  const local = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
  const utc = (((local - sign * offset) % 86400) + 86400) % 86400;
  return `${pad(Math.floor(utc / 3600))}:${pad(Math.floor((utc % 3600) / 60))}:${pad(utc % 60)}${m[4] ?? ''}`;
}
