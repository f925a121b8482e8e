/** @module The wireframe agent's site map as a tree: routes (each folds) → components (linked to their file) → children. */
import { Link } from "react-router-dom";
import type { WireframeSpec } from "../../../../shared/protocol/index.ts";
import "./styles.css";

/** @param fileOf where a component's generated file opens, or null when the project has none by that name. */
export function SiteMap({ spec, fileOf }: { spec: WireframeSpec; fileOf?: (component: string) => string | null }) {
  return (
    <article className="stack" aria-labelledby="sitemap-title">
      <h2 id="sitemap-title">Site map</h2>
      <ul className="sitemap" aria-label="Routes and their components">
        {spec.site_map.map((page) => (
          <li key={page.path}>
            <details open>
              <summary className="sitemap-route">
                <code>{page.path}</code> <span className="muted small">{page.description}</span>
              </summary>
              {page.components.length ? (
                <ul>
                  {page.components.map((component) => (
                    <li key={component.name}>
                      <ComponentName name={component.name} href={fileOf?.(component.name) ?? null} />
                      {component.props.length ? <span className="muted small"> ({component.props.join(", ")})</span> : null}
                      {component.children.length ? (
                        <ul>
                          {component.children.map((child) => (
                            <li key={child} className="small">
                              {child}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : null}
            </details>
          </li>
        ))}
      </ul>
      {spec.global_state_needs.length ? (
        <section>
          <h3>Shared state</h3>
          <div className="row">
            {spec.global_state_needs.map((need) => (
              <span className="badge" key={need}>
                {need}
              </span>
            ))}
          </div>
        </section>
      ) : null}
      {spec.theme_colors.length ? (
        <section>
          <h3>Theme colours</h3>
          <div className="row">
            {spec.theme_colors.map((colour) => (
              <span key={colour} className="badge">
                <span aria-hidden="true" className="sitemap-swatch" style={{ background: colour }} />
                {colour}
              </span>
            ))}
          </div>
        </section>
      ) : null}
    </article>
  );
}

function ComponentName({ name, href }: { name: string; href: string | null }) {
  if (!href) return <span className="sitemap-component">{name}</span>;
  return (
    <Link to={href} className="sitemap-component" title={`Open ${name}'s file`}>
      {name}
    </Link>
  );
}
