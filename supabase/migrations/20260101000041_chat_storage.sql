-- =============================================================================
-- 0041 Storage for chat: buckets "attachments" (files on messages), "documents"
-- (project documents the research agent reads) and "artifacts" (stage outputs
-- too large for a job_artifacts row). Objects are named {user_id}/…; only the
-- owner may list, read, write or delete them. Artifacts are written by the
-- backend (service role) only; their owner may read them.
-- =============================================================================

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values
  ('attachments', 'attachments', false, 10485760,
   array['text/plain', 'text/markdown', 'text/csv', 'application/json', 'application/pdf',
         'image/png', 'image/jpeg', 'image/gif', 'image/webp']),
  ('documents', 'documents', false, 10485760, array['text/plain', 'text/markdown', 'application/pdf']),
  ('artifacts', 'artifacts', false, 52428800, array['application/json'])
on conflict (id) do update set
  public = excluded.public,
  file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

create policy "Owners can list and read their chat files"
  on storage.objects for select to authenticated
  using (bucket_id in ('attachments', 'documents', 'artifacts')
         and (storage.foldername(name))[1] = (select auth.uid())::text);

create policy "Owners can upload chat files into their folder"
  on storage.objects for insert to authenticated
  with check (bucket_id in ('attachments', 'documents')
              and (storage.foldername(name))[1] = (select auth.uid())::text);

create policy "Owners can replace their chat files"
  on storage.objects for update to authenticated
  using (bucket_id in ('attachments', 'documents')
         and (storage.foldername(name))[1] = (select auth.uid())::text)
  with check (bucket_id in ('attachments', 'documents')
              and (storage.foldername(name))[1] = (select auth.uid())::text);

create policy "Owners can delete their chat files"
  on storage.objects for delete to authenticated
  using (bucket_id in ('attachments', 'documents')
         and (storage.foldername(name))[1] = (select auth.uid())::text);
