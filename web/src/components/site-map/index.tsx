/** @module The wireframe agent's site map as a tree: routes → components → children. */
import type { WireframeSpec } from "../../../../shared/protocol/index.ts";
import "./styles.css";

export function SiteMap({ spec }: { spec: WireframeSpec }) {
  return (
    <article className="stack" aria-labelledby="sitemap-title">
      <h2 id="sitemap-title">Site map</h2>
      <ul className="sitemap" aria-label="Routes and their components">
        {spec.site_map.map((page) => (
          <li key={page.path}>
            <span className="sitemap-route">
              <code>{page.path}</code> <span className="muted small">{page.description}</span>
            </span>
            {page.components.length ? (
              <ul>
                {page.components.map((component) => (
                  <li key={component.name}>
                    <span className="sitemap-component">{component.name}</span>
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
