/** @module One product: the image, its parameters and generation log, like, rating, notes, tags, collections, delete. */
import { useEffect, useState } from "react";
import { addToCollection, fetchLogs, productTags, setDeleted, setFeatured, signedUrls, tagProduct, updateProduct, type Collection, type GenerationLog, type Product, type Tag } from "../../data/studio.ts";

interface Props {
  projectId: string;
  product: Product;
  featured: boolean;
  tags: Tag[];
  collections: Collection[];
  onChanged(): void;
  onClose(): void;
}

export function StudioProductDetail({ projectId, product, featured, tags, collections, onChanged, onClose }: Props) {
  const [image, setImage] = useState<string | null>(null);
  const [logs, setLogs] = useState<GenerationLog[]>([]);
  const [tagged, setTagged] = useState<string[]>([]);
  const [notes, setNotes] = useState(product.notes ?? "");
  const [collectionId, setCollectionId] = useState(collections[0]?.id ?? "");
  const [message, setMessage] = useState<string | null>(null);
  const [rating, setRating] = useState(product.rating);
  useEffect(() => setRating(product.rating), [product.rating]);

  useEffect(() => {
    const large = product.thumbnail_paths.large ?? product.file_path;
    void signedUrls([large]).then((urls) => setImage(urls[large] ?? null));
    if (product.order_item_id) void fetchLogs(product.order_item_id).then(setLogs);
    void productTags(product.id).then(setTagged);
    setNotes(product.notes ?? "");
  }, [product.id]); // what a product shows is reloaded when another one opens

  const act = async (what: () => Promise<unknown>, done?: string) => {
    try {
      await what();
      setMessage(done ?? null);
      onChanged();
    } catch (error) {
      setMessage((error as Error).message);
    }
  };
  const parameters = Object.entries(product.metadata.parameters ?? {});
  return (
    <section className="card stack studio-detail" aria-labelledby="detail-title">
      <div className="studio-order-head">
        <h2 id="detail-title">{String(product.metadata.parameters?.prompt ?? "Product")}</h2>
        <button type="button" className="button" onClick={onClose}>Close</button>
      </div>
      {image ? <img src={image} alt={`Generated: ${String(product.metadata.parameters?.prompt ?? product.type)}`} className="studio-detail-image" /> : null}
      <p className="small muted">{product.width}×{product.height} · {product.mime_type} · {product.metadata.provider}/{product.metadata.model}</p>
      <div className="studio-actions">
        <button type="button" className="button" aria-pressed={product.liked} onClick={() => void act(() => updateProduct(product.id, { liked: !product.liked }))}>
          {product.liked ? "♥ Liked" : "♡ Like"}
        </button>
        <button type="button" className="button" aria-pressed={featured} onClick={() => void act(() => setFeatured(projectId, product.id, !featured))}>
          {featured ? "Featured on the project" : "Feature on the project"}
        </button>
        <fieldset className="studio-rating">
          <legend>Rating</legend>
          {[1, 2, 3, 4, 5].map((stars) => (
            <label key={stars}>
              <input type="radio" name="rating" checked={rating === stars} onChange={() => (setRating(stars), void act(() => updateProduct(product.id, { rating: stars })))} />
              {stars}★
            </label>
          ))}
        </fieldset>
      </div>
      <div className="field">
        <label htmlFor="product-notes">Notes</label>
        <textarea id="product-notes" rows={2} value={notes} onChange={(event) => setNotes(event.target.value)} />
        <div><button type="button" className="button" onClick={() => void act(() => updateProduct(product.id, { notes }), "Notes saved.")}>Save notes</button></div>
      </div>
      {tags.length ? (
        <fieldset className="studio-choices">
          <legend>Tags</legend>
          {tags.map((tag) => (
            <label key={tag.id} className="studio-choice">
              <input type="checkbox" checked={tagged.includes(tag.id)}
                onChange={(event) => void act(async () => {
                  await tagProduct(tag.id, product.id, event.target.checked);
                  setTagged(await productTags(product.id));
                })} />
              <span className="studio-swatch" style={{ background: tag.color ?? "#888" }} aria-hidden="true" />
              {tag.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      {collections.length ? (
        <div className="studio-actions">
          <label htmlFor="add-collection">Collection</label>
          <select id="add-collection" value={collectionId} onChange={(event) => setCollectionId(event.target.value)}>
            {collections.map((collection) => <option key={collection.id} value={collection.id}>{collection.name}</option>)}
          </select>
          <button type="button" className="button" onClick={() => void act(() => addToCollection(collectionId, product.id), "Added to the collection.")}>Add to collection</button>
        </div>
      ) : null}
      {message ? <p role="status" className="small">{message}</p> : null}
      <h3>Parameters</h3>
      <dl className="studio-params">
        {parameters.map(([key, value]) => (
          <div key={key}><dt>{key}</dt><dd>{typeof value === "string" ? value : JSON.stringify(value)}</dd></div>
        ))}
      </dl>
      <h3>Generation log</h3>
      <ol className="small studio-logs">
        {logs.map((log) => <li key={log.id}><span className="badge">{log.level}</span> {log.message}</li>)}
      </ol>
      <div>
        <button type="button" className="button" onClick={() => void act(async () => { await setDeleted("product", product.id, true); onClose(); })}>Move to trash</button>
      </div>
    </section>
  );
}
