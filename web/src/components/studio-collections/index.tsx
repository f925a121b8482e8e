/** @module Collections: create, open one, reorder its products by dragging (or with the move buttons), pick a cover. */
import { useEffect, useState, type DragEvent } from "react";
import { createCollection, fetchCollectionProducts, reorderCollection, setCover, type Collection, type Product } from "../../data/studio.ts";

interface Props {
  projectId: string;
  collections: Collection[];
  products: Product[];
  thumbnails: Record<string, string>;
  onChanged(): void;
}

export function StudioCollections({ projectId, collections, products, thumbnails, onChanged }: Props) {
  const [name, setName] = useState("");
  const [openId, setOpenId] = useState<string | null>(null);
  const [order, setOrder] = useState<string[]>([]);
  const [dragged, setDragged] = useState<number | null>(null);
  const open = collections.find((collection) => collection.id === openId) ?? null;
  const count = open?.product_count;

  useEffect(() => {
    if (openId) void fetchCollectionProducts(openId).then(setOrder);
  }, [openId, count]);

  const move = async (from: number, to: number) => {
    if (!openId || to < 0 || to >= order.length || from === to) return;
    const next = [...order];
    next.splice(to, 0, next.splice(from, 1)[0]!);
    setOrder(next);
    await reorderCollection(openId, next);
  };
  const byId = new Map(products.map((product) => [product.id, product]));
  return (
    <section className="card stack" aria-labelledby="collections-title">
      <h2 id="collections-title">Collections</h2>
      <form className="studio-actions" onSubmit={(event) => {
        event.preventDefault();
        if (name.trim()) void createCollection(projectId, name.trim()).then(() => (setName(""), onChanged()));
      }}>
        <label htmlFor="collection-name">New collection</label>
        <input id="collection-name" value={name} onChange={(event) => setName(event.target.value)} />
        <button type="submit" className="button">Create</button>
      </form>
      <ul className="studio-list">
        {collections.map((collection) => (
          <li key={collection.id}>
            <button type="button" className="button" aria-expanded={collection.id === openId} onClick={() => setOpenId(collection.id === openId ? null : collection.id)}>
              {collection.name} ({collection.product_count})
            </button>
          </li>
        ))}
      </ul>
      {open ? (
        <ol className="studio-collection" aria-label={`${open.name}: drag to reorder`}>
          {order.map((productId, index) => {
            const product = byId.get(productId);
            const small = product?.thumbnail_paths.small;
            return (
              <li key={productId} draggable data-product={productId}
                onDragStart={() => setDragged(index)}
                onDragOver={(event: DragEvent) => event.preventDefault()}
                onDrop={() => { if (dragged !== null) void move(dragged, index); setDragged(null); }}>
                {small && thumbnails[small] ? <img src={thumbnails[small]} alt="" width={48} height={48} /> : null}
                <span className="small">{String(product?.metadata.parameters?.prompt ?? "product")}{open.cover_product_id === productId ? " (cover)" : ""}</span>
                <button type="button" className="button" aria-label="Move up" onClick={() => void move(index, index - 1)}>↑</button>
                <button type="button" className="button" aria-label="Move down" onClick={() => void move(index, index + 1)}>↓</button>
                <button type="button" className="button" onClick={() => void setCover(open.id, productId).then(onChanged)}>Cover</button>
              </li>
            );
          })}
        </ol>
      ) : null}
    </section>
  );
}
