/**
 * Named component registries. A component has a kebab-case name (written into configs and results), a
 * one-line summary (shown by `exp list`), a zod params schema (the only place defaults live) and `create`.
 * Building from a config ref `{type, ...params}` validates the params strictly, so an unknown key or a
 * bad value is a ConfigError naming its dotted path. Models: allennlp Registrable, fairseq registry,
 * STYLE.md section 8.
 */
import {ConfigError, deriveSeed} from '@embedlab/core';
import type {z} from 'zod';
import type {BuildContext} from './context.js';
import {didYouMean} from './did-you-mean.js';
import {messages} from './messages.js';
import {configErrorFromZod} from './zod-error.js';

export interface Component<S extends z.ZodObject, T, N extends string = string> {
  readonly kind: string;
  /** kebab-case, stable: it is written into configs and results. */
  readonly name: N;
  /** One line, shown by `exp list`. */
  readonly summary: string;
  /** Params with their defaults; unknown keys are rejected. */
  readonly params: S;
  create(params: z.output<S>, ctx: BuildContext): T | Promise<T>;
}

/** Identity helper that keeps the params type for `create` and the literal name for typed config refs. */
export function defineComponent<S extends z.ZodObject, T, const N extends string>(component: Component<S, T, N>): Component<S, T, N> {
  return component;
}

/** A reference to a component in a config: `{type: 'random', dim: 100}`. */
export type ComponentRef = {type: string} & Record<string, unknown>;

/**
 * The config ref a component accepts, as a type: `{type: <its name>}` plus its params as the zod schema
 * takes them (defaults optional). A union of these over a registry's components makes a typo in an
 * experiment's component name or param a `tsc` error, not only a run-time ConfigError.
 */
// biome-ignore lint/suspicious/noExplicitAny: any component's output type
export type RefOf<C> = C extends Component<infer S, any, infer N> ? {type: N} & z.input<S> : never;

// A component whose params type has been erased (what a registry stores).
// biome-ignore lint/suspicious/noExplicitAny: the params type is erased in a registry
export type AnyComponent<T> = Component<z.ZodObject, T> | Component<any, T>;

export class Registry<T> {
  readonly #byName = new Map<string, AnyComponent<T>>();
  constructor(readonly kind: string) {}

  /** Add components; a duplicate name or a component of another kind is an error. */
  register(...components: AnyComponent<T>[]): this {
    for (const c of components) {
      if (c.kind !== this.kind) throw new ConfigError('', messages.wrongKind(c.name, c.kind, this.kind));
      if (this.#byName.has(c.name)) throw new ConfigError('', messages.duplicateComponent(this.kind, c.name));
      this.#byName.set(c.name, c);
    }
    return this;
  }

  names(): string[] {
    return [...this.#byName.keys()].sort();
  }

  has(name: string): boolean {
    return this.#byName.has(name);
  }

  /** The component named `name`; unknown names get a did-you-mean ConfigError at `path`. */
  get(name: string, path = this.kind): AnyComponent<T> {
    const c = this.#byName.get(name);
    if (!c) throw new ConfigError(`${path}.type`, messages.unknownComponent(this.kind, name) + didYouMean(name, this.names()));
    return c;
  }

  list(): {name: string; summary: string}[] {
    return this.names().map((name) => ({name, summary: (this.#byName.get(name) as AnyComponent<T>).summary}));
  }

  /** Validate a ref and return it with every default filled in (what config.resolved.json holds). */
  resolve(ref: unknown, path: string): ComponentRef {
    if (typeof ref !== 'object' || ref === null || Array.isArray(ref)) {
      throw new ConfigError(path, messages.expectedRef(this.kind));
    }
    const {type, ...raw} = ref as Record<string, unknown>;
    if (typeof type !== 'string') throw new ConfigError(`${path}.type`, messages.expectedType(this.kind, this.names()));
    const c = this.get(type, path);
    const parsed = c.params.strict().safeParse(raw);
    if (!parsed.success) throw configErrorFromZod(parsed.error, path);
    return {type, ...(parsed.data as Record<string, unknown>)};
  }

  /** Validate `ref` and create the component with a seed derived from the run seed and `path`. */
  async build(ref: unknown, ctx: Omit<BuildContext, 'seed' | 'path'>, path: string): Promise<T> {
    const resolved = this.resolve(ref, path);
    const {type, ...params} = resolved;
    const c = this.get(type, path);
    return c.create(params as never, {...ctx, path, seed: deriveSeed(ctx.runSeed, path)});
  }
}
