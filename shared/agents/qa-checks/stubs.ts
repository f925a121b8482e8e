/** @module Compact type declarations of the packages a generated app imports, so the type checker needs no node_modules. */

/**
 * Ambient declarations of react, react-dom/client, react-router-dom, vite and
 * @vitejs/plugin-react: the common API, typed. An app using an API missing
 * here gets a warning ("not verified"), never a critical issue.
 */
export const PACKAGE_STUBS = String.raw`
declare namespace JSX {
  interface Element { readonly __jsx?: true }
  type ElementType = string | ((props: any) => unknown) | (new (props: any) => unknown);
  interface ElementAttributesProperty { props: {} }
  interface ElementChildrenAttribute { children: {} }
  interface IntrinsicAttributes { key?: string | number | bigint | null }
  interface IntrinsicElements { [element: string]: React.IntrinsicProps }
}
declare namespace React {
  type ReactNode = JSX.Element | string | number | bigint | boolean | null | undefined | Iterable<ReactNode>;
  type ReactElement = JSX.Element;
  type JSXElementConstructor<P> = (props: P) => ReactNode;
  type Key = string | number | bigint;
  type SetStateAction<S> = S | ((previous: S) => S);
  type Dispatch<A> = (value: A) => void;
  type FC<P = {}> = (props: P) => ReactNode;
  type FunctionComponent<P = {}> = FC<P>;
  type ComponentType<P = {}> = (props: P) => ReactNode;
  type PropsWithChildren<P = unknown> = P & { children?: ReactNode };
  type ComponentProps<T> = T extends (props: infer P) => unknown ? P : Record<string, unknown>;
  type CSSProperties = { [property: string]: string | number | undefined };
  type RefObject<T> = { current: T };
  type MutableRefObject<T> = { current: T };
  interface SyntheticEvent<T = Element> { target: EventTarget & T; currentTarget: EventTarget & T; preventDefault(): void; stopPropagation(): void; type: string }
  interface FormEvent<T = Element> extends SyntheticEvent<T> {}
  interface ChangeEvent<T = Element> extends SyntheticEvent<T> {}
  interface MouseEvent<T = Element> extends SyntheticEvent<T> { clientX: number; clientY: number; button: number }
  interface KeyboardEvent<T = Element> extends SyntheticEvent<T> { key: string; code: string }
  interface FocusEvent<T = Element> extends SyntheticEvent<T> {}
  type FormEventHandler<T = Element> = (event: FormEvent<T>) => void;
  type ChangeEventHandler<T = Element> = (event: ChangeEvent<T>) => void;
  type MouseEventHandler<T = Element> = (event: MouseEvent<T>) => void;
  type HTMLAttributes<T> = { [attribute: string]: unknown; className?: string; children?: ReactNode; __element?: T };
  type InputHTMLAttributes<T> = HTMLAttributes<T>;
  type ButtonHTMLAttributes<T> = HTMLAttributes<T>;
  /** Attributes of every HTML element: events typed (so handlers' parameters are), the rest accepted as is. */
  interface IntrinsicProps {
    [attribute: string]: unknown;
    children?: ReactNode;
    key?: Key | null;
    onChange?: (event: ChangeEvent<any>) => void;
    onInput?: (event: ChangeEvent<any>) => void;
    onSubmit?: (event: FormEvent<any>) => void;
    onClick?: (event: MouseEvent<any>) => void;
    onDoubleClick?: (event: MouseEvent<any>) => void;
    onMouseEnter?: (event: MouseEvent<any>) => void;
    onMouseLeave?: (event: MouseEvent<any>) => void;
    onKeyDown?: (event: KeyboardEvent<any>) => void;
    onKeyUp?: (event: KeyboardEvent<any>) => void;
    onFocus?: (event: FocusEvent<any>) => void;
    onBlur?: (event: FocusEvent<any>) => void;
    onDragStart?: (event: SyntheticEvent<any>) => void;
    onDrop?: (event: SyntheticEvent<any>) => void;
    onDragOver?: (event: SyntheticEvent<any>) => void;
  }
  type EffectCallback = () => void | (() => void);
  type DependencyList = readonly unknown[];
  interface Context<T> { Provider: (props: { value: T; children?: ReactNode }) => ReactNode; Consumer: (props: { children: (value: T) => ReactNode }) => ReactNode }
  function useState<S>(initial: S | (() => S)): [S, Dispatch<SetStateAction<S>>];
  function useState<S = undefined>(): [S | undefined, Dispatch<SetStateAction<S | undefined>>];
  function useReducer<S, A>(reducer: (state: S, action: A) => S, initial: S): [S, Dispatch<A>];
  function useEffect(effect: EffectCallback, deps?: DependencyList): void;
  function useLayoutEffect(effect: EffectCallback, deps?: DependencyList): void;
  function useMemo<T>(factory: () => T, deps: DependencyList): T;
  function useCallback<T extends (...args: any[]) => unknown>(callback: T, deps: DependencyList): T;
  function useRef<T>(initial: T): MutableRefObject<T>;
  function useRef<T>(initial: T | null): RefObject<T | null>;
  function useRef<T = undefined>(): MutableRefObject<T | undefined>;
  function useContext<T>(context: Context<T>): T;
  function useId(): string;
  function useTransition(): [boolean, (callback: () => void) => void];
  function useDeferredValue<T>(value: T): T;
  function useSyncExternalStore<T>(subscribe: (onChange: () => void) => () => void, getSnapshot: () => T): T;
  function createContext<T>(value: T): Context<T>;
  function createElement(type: unknown, props?: unknown, ...children: ReactNode[]): JSX.Element;
  function memo<T>(component: T): T;
  function forwardRef<T, P = {}>(render: (props: P, ref: unknown) => ReactNode): (props: P & { ref?: unknown }) => ReactNode;
  function lazy<T extends (props: any) => unknown>(load: () => Promise<{ default: T }>): T;
  function startTransition(callback: () => void): void;
  const Fragment: (props: { children?: ReactNode }) => ReactNode;
  const StrictMode: (props: { children?: ReactNode }) => ReactNode;
  const Suspense: (props: { children?: ReactNode; fallback?: ReactNode }) => ReactNode;
  const version: string;
}
declare module "react" {
  export = React;
}
declare module "react/jsx-runtime" {
  export const jsx: (type: unknown, props: unknown) => JSX.Element;
  export const jsxs: typeof jsx;
  export const Fragment: React.FC<{ children?: React.ReactNode }>;
}
declare module "react-dom/client" {
  export interface Root { render(children: React.ReactNode): void; unmount(): void }
  export function createRoot(container: Element | DocumentFragment): Root;
  export function hydrateRoot(container: Element | Document, children: React.ReactNode): Root;
}
declare module "react-dom" {
  export function createPortal(children: React.ReactNode, container: Element | DocumentFragment): JSX.Element;
  export function flushSync<R>(callback: () => R): R;
}
declare module "react-router-dom" {
  type To = string | { pathname?: string; search?: string; hash?: string };
  type Params = { readonly [key: string]: string | undefined };
  interface NavigateOptions { replace?: boolean; state?: unknown }
  interface Location { pathname: string; search: string; hash: string; state: unknown; key: string }
  export function BrowserRouter(props: { children?: React.ReactNode; basename?: string }): JSX.Element;
  export function HashRouter(props: { children?: React.ReactNode; basename?: string }): JSX.Element;
  export function MemoryRouter(props: { children?: React.ReactNode; initialEntries?: string[] }): JSX.Element;
  export function Routes(props: { children?: React.ReactNode; location?: Partial<Location> | string }): JSX.Element;
  export function Route(props: { path?: string; index?: boolean; element?: React.ReactNode; children?: React.ReactNode; caseSensitive?: boolean }): JSX.Element;
  export function Navigate(props: { to: To; replace?: boolean; state?: unknown }): null;
  export function Outlet(props: { context?: unknown }): JSX.Element;
  export function Link(props: { to: To; replace?: boolean; state?: unknown; children?: React.ReactNode; [attribute: string]: unknown }): JSX.Element;
  export function NavLink(props: {
    to: To; end?: boolean; children?: React.ReactNode | ((state: { isActive: boolean; isPending: boolean }) => React.ReactNode);
    className?: string | ((state: { isActive: boolean; isPending: boolean }) => string | undefined);
    style?: React.CSSProperties | ((state: { isActive: boolean; isPending: boolean }) => React.CSSProperties | undefined);
    [attribute: string]: unknown;
  }): JSX.Element;
  export function useParams<K extends string = string>(): Readonly<Partial<Record<K, string>>>;
  export function useNavigate(): { (to: To, options?: NavigateOptions): void; (delta: number): void };
  export function useLocation(): Location;
  export function useSearchParams(init?: string | Record<string, string> | URLSearchParams): [URLSearchParams, (next: URLSearchParams | Record<string, string> | string, options?: NavigateOptions) => void];
  export function useOutletContext<T = unknown>(): T;
  export function createBrowserRouter(routes: unknown[], options?: { basename?: string }): { readonly __router: true };
  export function RouterProvider(props: { router: { readonly __router: true } }): JSX.Element;
}
declare module "vite" {
  export interface UserConfig { plugins?: unknown[]; [option: string]: unknown }
  export function defineConfig<T extends UserConfig>(config: T | (() => T)): T;
}
declare module "@vitejs/plugin-react" {
  export default function react(options?: Record<string, unknown>): unknown;
}
declare module "*.css";
declare module "*.svg" { const url: string; export default url; }
declare module "*.png" { const url: string; export default url; }
declare module "*.jpg" { const url: string; export default url; }
declare module "*.webp" { const url: string; export default url; }
interface ImportMeta { readonly env: { readonly [key: string]: string | boolean | undefined; readonly DEV: boolean; readonly PROD: boolean; readonly MODE: string } }
`;

/** Packages `PACKAGE_STUBS` declares (others in package.json are typed `any`). */
export const STUBBED_PACKAGES = new Set(["react", "react/jsx-runtime", "react-dom", "react-dom/client", "react-router-dom", "vite", "@vitejs/plugin-react"]);
