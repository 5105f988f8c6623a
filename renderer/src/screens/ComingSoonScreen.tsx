import { useL10n } from '../i18n/locale-store';

/** Placeholder for a screen whose issue has not landed yet; says so plainly. */
export function ComingSoonScreen({ title, summary }: { title: string; summary: string }) {
  const { m } = useL10n();
  return (
    <section className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{title}</h1>
      <div className="card coming-soon">
        <p className="lead">{m.app.comingSoon}</p>
        <p>{summary}</p>
      </div>
    </section>
  );
}
