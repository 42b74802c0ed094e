/** Shows an email body as text; only links to this site become clickable (not redacted ones). */
export function EmailBody({ text }: { text: string }) {
  const origin = window.location.origin;
  let offset = 0;
  const parts = text.split(/(https?:\/\/\S+)/g).map((part) => {
    const start = offset;
    offset += part.length;
    return { part, start };
  });
  return (
    <pre className="mt-3 whitespace-pre-wrap rounded bg-night/80 p-3 text-sm [overflow-wrap:anywhere]">
      {parts.map(({ part, start }) =>
        part.startsWith(`${origin}/`) && !part.includes("[redacted]") ? (
          <a key={start} href={part} className="text-pink underline">
            {part}
          </a>
        ) : (
          <span key={start}>{part}</span>
        ),
      )}
    </pre>
  );
}
