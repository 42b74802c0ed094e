/** Five stars, gold for the ones given; read out as "4 out of 5 stars". */
export function StarRating({ stars, size = "text-lg" }: { stars: number; size?: string }) {
  return (
    <span role="img" aria-label={`${stars} out of 5 stars`} className={`${size} tracking-wide`}>
      {[1, 2, 3, 4, 5].map((value) => (
        <span key={value} aria-hidden="true" className={value <= stars ? "text-gold" : "text-white/25"}>
          ★
        </span>
      ))}
    </span>
  );
}
