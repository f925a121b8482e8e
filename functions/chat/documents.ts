/** @module POST /chat/documents: a file uploaded to the bucket "documents" is read, cut into passages, embedded and recorded. */
import { DOCUMENT_MAX_BYTES, RegisterDocumentRequest } from "../../shared/chat/api.ts";
import { chunkText } from "../../shared/documents/chunk.ts";
import { extractDocumentText } from "../../shared/documents/extract.ts";
import { documentTypeOf } from "../../shared/documents/types.ts";
import { embedderFromEnv } from "../../shared/embeddings/embedder.ts";
import { callerOf, serviceClient, type FunctionContext } from "../_shared/context.ts";
import { json, parse, readJson } from "../_shared/http.ts";
import { requireOwnProject } from "../_shared/jobs-api.ts";
import { AppError, dbError } from "../../shared/errors.ts";

export async function registerDocument(request: Request, { env }: FunctionContext): Promise<Response> {
  const body = parse(RegisterDocumentRequest, await readJson(request));
  const { db, userId } = await callerOf(env, request);
  await requireOwnProject(db, body.project_id);
  if (!body.storage_path.startsWith(`${userId}/${body.project_id}/`)) {
    throw new AppError("invalid_request", `Upload the document under ${userId}/${body.project_id}/ in the bucket "documents".`);
  }
  const { data: existing, error: existingError } = await db.from("project_documents").select("id").eq("storage_path", body.storage_path).maybeSingle();
  if (existingError) throw dbError(existingError, "looking up the document");
  if (existing) throw new AppError("conflict", "This upload is registered already.");

  // The caller's client: Storage RLS decides whether the file is theirs.
  const { data: file, error: downloadError } = await db.storage.from("documents").download(body.storage_path);
  if (downloadError || !file) throw new AppError("not_found", `No uploaded document ${body.storage_path}: upload it first.`);
  const bucket = serviceClient(env).storage.from("documents");
  // From here on, a document that is not recorded is removed from Storage.
  let recorded = false;
  try {
    const type = documentTypeOf(file.type, body.filename);
    if (!type) throw new AppError("unsupported_type", "Documents must be plain text (.txt), Markdown (.md) or PDF (.pdf).");
    if (file.size > DOCUMENT_MAX_BYTES) throw new AppError("too_large", "Documents are limited to 10 MiB.");
    const text = await extractDocumentText(new Uint8Array(await file.arrayBuffer()), type);
    const embedder = embedderFromEnv(env);
    const passages = chunkText(text);
    const vectors = await embedder.embed(passages);
    const chunks = passages.map((content, i) => ({ content, embedding: JSON.stringify(vectors[i]) }));
    const { data, error } = await serviceClient(env).rpc("add_project_document", {
      p_project_id: body.project_id,
      p_storage_path: body.storage_path,
      p_filename: body.filename,
      p_content_type: type,
      p_size_bytes: file.size,
      p_chunks: chunks,
      p_embedding_model: embedder.model,
    });
    if (error) throw dbError(error, "Recording the document");
    recorded = true;
    return json({ document_id: data, filename: body.filename, content_type: type, chunk_count: chunks.length }, 201);
  } finally {
    if (!recorded) {
      const { error } = await bucket.remove([body.storage_path]);
      if (error) console.error(`removing unrecorded document ${body.storage_path}: ${error.message}`);
    }
  }
}
