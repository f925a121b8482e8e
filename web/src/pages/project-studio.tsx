/** @module The Studio of a project: order form, live orders, product grid with search and filters, product detail, collections, tags. */
import { useEffect, useState } from "react";
import { StudioCollections } from "../components/studio-collections/index.tsx";
import { StudioOrderForm } from "../components/studio-order-form/index.tsx";
import { StudioOrders } from "../components/studio-orders/index.tsx";
import { StudioProductDetail } from "../components/studio-product-detail/index.tsx";
import { StudioProducts } from "../components/studio-products/index.tsx";
import { StudioTags } from "../components/studio-tags/index.tsx";
import { StudioTrash } from "../components/studio-trash/index.tsx";
import { fetchCollections, fetchFeatured, fetchLookups, fetchModels, fetchTrash, fetchOrders, fetchProducts, fetchTags, fetchTemplates, signedUrls, type Product, type ProductFilters } from "../data/studio.ts";
import { useResource } from "../hooks/use-resource.ts";
import { useStudioLive } from "../hooks/use-studio-live.ts";
import { useProjectContext } from "./project.tsx";
import "./project-studio.css";

export function Component() {
  const { project } = useProjectContext();
  const [filters, setFilters] = useState<ProductFilters>({});
  const [openId, setOpenId] = useState<string | null>(null);
  const models = useResource("studio-models", fetchModels);
  const lookups = useResource("studio-lookups", fetchLookups);
  const templates = useResource(`templates:${project.id}`, () => fetchTemplates(project.id));
  const orders = useResource(`orders:${project.id}`, () => fetchOrders(project.id));
  const products = useResource(`products:${project.id}:${JSON.stringify(filters)}`, () => fetchProducts(project.id, filters));
  const collections = useResource(`collections:${project.id}`, () => fetchCollections(project.id));
  const tags = useResource(`tags:${project.id}`, () => fetchTags(project.id));
  const featured = useResource(`featured:${project.id}`, () => fetchFeatured(project.id));
  const trash = useResource(`trash:${project.id}`, () => fetchTrash(project.id));
  const live = useStudioLive(project.id, orders.reload, () => (products.reload(), collections.reload(), tags.reload(), trash.reload()));
  const [thumbnails, setThumbnails] = useState<Record<string, string>>({});

  const rows = products.data ?? [];
  useEffect(() => {
    const missing = rows.flatMap((product) => [product.thumbnail_paths.medium, product.thumbnail_paths.small]).filter((path): path is string => !!path && !(path in thumbnails));
    if (missing.length) void signedUrls(missing).then((urls) => setThumbnails((current) => ({ ...current, ...urls })));
  }, [rows]); // signs only the paths not signed yet

  const open: Product | undefined = rows.find((product) => product.id === openId);
  const refreshProducts = () => (products.reload(), collections.reload(), tags.reload(), featured.reload(), trash.reload());
  return (
    <div className="stack">
      <p className="small muted" role="status">Studio updates {live === "live" ? "live" : "reconnecting…"}</p>
      <div className="studio-top">
        {models.data ? (
          <StudioOrderForm projectId={project.id} models={models.data} lookups={lookups.data ?? []} templates={templates.data ?? []} onPlaced={orders.reload} onTemplateSaved={templates.reload} />
        ) : <p className="muted">Loading models…</p>}
        <section className="stack" aria-labelledby="orders-title">
          <h2 id="orders-title">Orders</h2>
          <StudioOrders orders={orders.data ?? []} onChanged={orders.reload} />
        </section>
      </div>
      {open ? <StudioProductDetail projectId={project.id} product={open} featured={(featured.data ?? []).includes(open.id)} tags={tags.data ?? []} collections={collections.data ?? []} onChanged={refreshProducts} onClose={() => setOpenId(null)} /> : null}
      <StudioProducts products={rows} featured={featured.data ?? []} thumbnails={thumbnails} tags={tags.data ?? []} filters={filters} onFilters={setFilters} onOpen={(product) => setOpenId(product.id)} />
      <div className="grid-2">
        <StudioCollections projectId={project.id} collections={collections.data ?? []} products={rows} thumbnails={thumbnails} onChanged={collections.reload} />
        <StudioTags projectId={project.id} tags={tags.data ?? []} onChanged={tags.reload} />
      </div>
      <StudioTrash entries={trash.data ?? []} onChanged={refreshProducts} />
    </div>
  );
}
