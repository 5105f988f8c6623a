/** Placeholder for a screen whose issue has not landed yet; says so plainly. */
export function ComingSoonScreen({ title, summary }: { title: string; summary: string }) {
  return (
    <section className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{title}</h1>
      <div className="card coming-soon">
        <p className="lead">Coming soon</p>
        <p>{summary}</p>
      </div>
    </section>
  );
}
