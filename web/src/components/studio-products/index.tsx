/** @module The product grid: thumbnails with filters (type, liked, rating, tag) and full-text search. */
import type { Product, ProductFilters, Tag } from "../../data/studio.ts";

interface Props {
  products: Product[];
  /** Featured product ids: shown first, marked. */
  featured: string[];
  thumbnails: Record<string, string>;
  tags: Tag[];
  filters: ProductFilters;
  onFilters(filters: ProductFilters): void;
  onOpen(product: Product): void;
}

export function StudioProducts({ products, featured, thumbnails, tags, filters, onFilters, onOpen }: Props) {
  return (
    <section className="stack" aria-labelledby="products-title">
      <h2 id="products-title">Products</h2>
      <form className="studio-filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <label>
          Search
          <input type="search" value={filters.search ?? ""} onChange={(event) => onFilters({ ...filters, search: event.target.value })} placeholder="words from the prompt or notes" />
        </label>
        <label>
          Type
          <select value={filters.type ?? ""} onChange={(event) => onFilters({ ...filters, type: event.target.value || undefined })}>
            <option value="">Any</option>
            <option value="image">Image</option>
            <option value="video">Video</option>
            <option value="audio">Audio</option>
          </select>
        </label>
        <label>
          Rating
          <select value={filters.minRating ?? ""} onChange={(event) => onFilters({ ...filters, minRating: Number(event.target.value) || undefined })}>
            <option value="">Any</option>
            {[1, 2, 3, 4, 5].map((stars) => <option key={stars} value={stars}>{stars}+ stars</option>)}
          </select>
        </label>
        <label>
          Tag
          <select value={filters.tagId ?? ""} onChange={(event) => onFilters({ ...filters, tagId: event.target.value || undefined })}>
            <option value="">Any</option>
            {tags.map((tag) => <option key={tag.id} value={tag.id}>{tag.name}</option>)}
          </select>
        </label>
        <label className="studio-check">
          <input type="checkbox" checked={filters.liked ?? false} onChange={(event) => onFilters({ ...filters, liked: event.target.checked || undefined })} />
          Liked only
        </label>
      </form>
      {products.length ? (
        <ul className="studio-grid" aria-label="Product grid">
          {[...products].sort((a, b) => Number(featured.includes(b.id)) - Number(featured.includes(a.id))).map((product) => {
            const prompt = String(product.metadata.parameters?.prompt ?? product.type);
            const caption = `${prompt}${product.liked ? " ♥" : ""}${product.rating ? ` · ${"★".repeat(product.rating)}` : ""}${featured.includes(product.id) ? " · featured" : ""}`;
            return (
              <li key={product.id}>
                <button type="button" className="studio-tile" onClick={() => onOpen(product)} aria-label={`Open ${caption}`}>
                  {thumbnails[product.thumbnail_paths.medium ?? ""] ? <img src={thumbnails[product.thumbnail_paths.medium!]} alt="" width={160} height={160} /> : <span className="studio-tile-blank" />}
                  <span className="small studio-tile-caption">{caption}</span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">No products match.</p>
      )}
    </section>
  );
}
