/** @module CodeMirror 6 with syntax highlighting for the generated files' languages; loaded as its own chunk. */
import { useEffect, useRef } from "react";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting, type LanguageSupport } from "@codemirror/language";
import { Compartment, EditorState, RangeSet, type Extension } from "@codemirror/state";
import { drawSelection, EditorView, gutter, GutterMarker, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view";
import { tags } from "@lezer/highlight";
import "./styles.css";

/** Colours from CSS variables, so the same style follows light and dark. */
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.operatorKeyword, tags.modifier], color: "var(--cm-keyword)" },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], color: "var(--cm-string)" },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: "var(--cm-number)" },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: "var(--cm-comment)", fontStyle: "italic" },
  { tag: [tags.typeName, tags.className, tags.tagName], color: "var(--cm-type)" },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: "var(--cm-function)" },
  { tag: [tags.propertyName, tags.attributeName], color: "var(--cm-property)" },
  { tag: tags.heading, fontWeight: "bold", color: "var(--cm-keyword)" },
  { tag: tags.link, textDecoration: "underline" },
]);

async function languageFor(language: string | null, path: string): Promise<LanguageSupport | null> {
  const kind = (language ?? path.split(".").pop() ?? "").toLowerCase();
  if (["typescript", "ts", "tsx", "javascript", "js", "jsx", "mjs"].includes(kind)) {
    const { javascript } = await import("@codemirror/lang-javascript");
    return javascript({ typescript: !kind.startsWith("j") && kind !== "mjs", jsx: true });
  }
  if (kind === "css") return (await import("@codemirror/lang-css")).css();
  if (kind === "html") return (await import("@codemirror/lang-html")).html();
  if (kind === "json") return (await import("@codemirror/lang-json")).json();
  if (["markdown", "md"].includes(kind)) return (await import("@codemirror/lang-markdown")).markdown();
  return null;
}

/** The gutter mark of a line where a comment thread starts. */
class CommentMarker extends GutterMarker {
  override toDOM() {
    const mark = document.createElement("span");
    mark.className = "cm-comment-marker";
    mark.title = "Comments on this line";
    return mark;
  }
}
const commentMarker = new CommentMarker();

/** A gutter marking `lines` (1-based); a click on a mark calls `onClick` with its line. */
function commentGutter(lines: number[], onClick: (line: number) => void): Extension {
  const marked = [...new Set(lines)].sort((a, b) => a - b);
  return gutter({
    class: "cm-comment-gutter",
    markers: (view) => RangeSet.of(marked.filter((line) => line <= view.state.doc.lines).map((line) => commentMarker.range(view.state.doc.line(line).from))),
    initialSpacer: () => commentMarker,
    domEventHandlers: {
      mousedown(view, block) {
        const line = view.state.doc.lineAt(block.from).number;
        if (!marked.includes(line)) return false;
        onClick(line);
        return true;
      },
    },
  });
}

export interface CodeEditorProps {
  /** The document; replacing it (another file, a reload) resets the editor. */
  value: string;
  path: string;
  language: string | null;
  label: string;
  onChange(value: string): void;
  onSave?(): void;
  /** Lines where comment threads start, marked in a gutter. */
  commentLines?: number[];
  onCommentClick?(line: number): void;
  /** The lines the selection covers, as it changes. */
  onSelectLines?(range: { from: number; to: number }): void;
  /** A line to put the cursor on and scroll to (1-based), e.g. from a QA issue. */
  line?: number | null;
}

/** Puts the cursor at the start of `line` (clamped to the document), scrolls it to the middle and focuses the editor. */
function goToLine(view: EditorView, line: number) {
  const target = view.state.doc.line(Math.min(Math.max(1, line), view.state.doc.lines));
  view.dispatch({ selection: { anchor: target.from }, effects: EditorView.scrollIntoView(target.from, { y: "center" }) });
  view.focus();
}

export default function CodeEditor({ value, path, language, label, onChange, onSave, commentLines, onCommentClick, onSelectLines, line }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const commentSlot = useRef(new Compartment());
  const lineRef = useRef(line);
  lineRef.current = line;
  const callbacks = useRef({ onChange, onSave, onCommentClick, onSelectLines });
  callbacks.current = { onChange, onSave, onCommentClick, onSelectLines };

  useEffect(() => {
    let cancelled = false;
    // The grammar loads as its own chunk and is swapped in when it arrives.
    const languageSlot = new Compartment();
    const extensions: Extension[] = [
      lineNumbers(),
      highlightActiveLineGutter(),
      history(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      highlightActiveLine(),
      syntaxHighlighting(highlight),
      languageSlot.of([]),
      commentSlot.current.of([]),
      keymap.of([
        { key: "Mod-s", preventDefault: true, run: () => (callbacks.current.onSave?.(), true) },
        ...defaultKeymap,
        ...historyKeymap,
        indentWithTab,
      ]),
      // tabindex makes the scrolling editor reachable by keyboard in every checker's eyes (it is focusable anyway).
      EditorView.contentAttributes.of({ "aria-label": label, tabindex: "0" }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) callbacks.current.onChange(update.state.doc.toString());
        if (update.selectionSet) {
          const { from, to } = update.state.selection.main;
          callbacks.current.onSelectLines?.({ from: update.state.doc.lineAt(from).number, to: update.state.doc.lineAt(to).number });
        }
      }),
    ];
    const editor = new EditorView({ state: EditorState.create({ doc: value, extensions }), parent: host.current! });
    view.current = editor;
    if (lineRef.current) goToLine(editor, lineRef.current);
    void languageFor(language, path).then((support) => {
      if (!cancelled && support) editor.dispatch({ effects: languageSlot.reconfigure(support) });
    });
    return () => {
      cancelled = true;
      editor.destroy();
      view.current = null;
    };
    // A new file or a reloaded version starts a new editor; typing does not.
  }, [path, value, language, label]);

  const marks = (commentLines ?? []).join(",");
  useEffect(() => {
    const lines = marks ? marks.split(",").map(Number) : [];
    view.current?.dispatch({ effects: commentSlot.current.reconfigure(lines.length ? commentGutter(lines, (line) => callbacks.current.onCommentClick?.(line)) : []) });
  }, [marks, path, value]);

  useEffect(() => {
    if (view.current && line) goToLine(view.current, line);
  }, [line]);

  return <div ref={host} className="code-editor" />;
}
