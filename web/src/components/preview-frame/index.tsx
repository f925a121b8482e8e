/** @module A preview's page in a sandboxed iframe: scripts run, but in an opaque origin with no access to CodeForge's session or storage. */
export function PreviewFrame({ html, title }: { html: string; title: string }) {
  return <iframe className="preview-frame" title={title} sandbox="allow-scripts allow-forms allow-modals" srcDoc={html} />;
}
