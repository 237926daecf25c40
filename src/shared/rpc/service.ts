import type { z } from 'zod';
import type { Disposable } from './disposable';
import type { Event } from './emitter';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly kind: 'method';
  readonly input: I;
  readonly output: O;
}

export interface EventSpec<I extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly input: I;
  readonly payload: P;
}

export type MemberSpec = MethodSpec | EventSpec;
export type ServiceMembers = Record<string, MemberSpec>;

export interface ServiceSpec<M extends ServiceMembers = ServiceMembers> {
  readonly name: string;
  readonly members: M;
}

export type ContractSpec = Record<string, ServiceSpec>;

export function method<I extends z.ZodType, O extends z.ZodType>(spec: { input: I; output: O }): MethodSpec<I, O> {
  return { kind: 'method', ...spec };
}

export function event<I extends z.ZodType, P extends z.ZodType>(spec: { input: I; payload: P }): EventSpec<I, P> {
  return { kind: 'event', ...spec };
}

export function defineService<M extends ServiceMembers>(name: string, members: M): ServiceSpec<M> {
  return { name, members };
}

/**
 * What a client needs of a contract: each service's wire name and whether each member is a method
 * or an event. Plain data, so a window can be handed it ready-made (src/renderer/src/rpc/client.ts).
 */
export type ContractShape<C extends ContractSpec> = {
  readonly [K in keyof C]: {
    readonly name: string;
    readonly members: { readonly [M in keyof C[K]['members']]: { readonly kind: C[K]['members'][M]['kind'] } };
  };
};

export function contractShape<C extends ContractSpec>(contract: C): ContractShape<C> {
  const shape: Record<string, { name: string; members: Record<string, { kind: MemberSpec['kind'] }> }> = {};
  for (const [key, spec] of Object.entries(contract)) {
    const members: Record<string, { kind: MemberSpec['kind'] }> = {};
    for (const [name, member] of Object.entries(spec.members)) members[name] = { kind: member.kind };
    shape[key] = { name: spec.name, members };
  }
  return shape as ContractShape<C>;
}

/** Who is calling: lets services tell windows apart without knowing the transport. */
export interface CallContext {
  readonly signal: AbortSignal;
  readonly peerId: string;
  /** Whether this peer's transport is backed up, so event sources can hold back and coalesce. */
  readonly isCongested: () => boolean;
  /** Aborted when this peer's connection ends (absent for calls made in-process), to release what it held. */
  readonly connectionClosed?: AbortSignal;
}

type Awaitable<T> = T | Promise<T>;

/** What a service implementation provides for a spec: the interface each service implements. */
export type ServiceImpl<S extends ServiceSpec> = {
  [K in keyof S['members']]: S['members'][K] extends MethodSpec<infer I, infer O>
    ? (input: z.output<I>, context: CallContext) => Awaitable<z.input<O>>
    : S['members'][K] extends EventSpec<infer I, infer P>
      ? (input: z.output<I>, context: CallContext) => Event<z.input<P>>
      : never;
};

export interface CallOptions {
  readonly signal?: AbortSignal;
}

type Args<I extends z.ZodType, Rest extends unknown[]> =
  undefined extends z.input<I> ? [input?: z.input<I>, ...Rest] : [input: z.input<I>, ...Rest];

/** What a client sees for a spec: methods return promises, events take a listener. */
export type ServiceClient<S extends ServiceSpec> = {
  [K in keyof S['members']]: S['members'][K] extends MethodSpec<infer I, infer O>
    ? (...args: Args<I, [options?: CallOptions]>) => Promise<z.output<O>>
    : S['members'][K] extends EventSpec<infer I, infer P>
      ? (input: z.input<I>, listener: (payload: z.output<P>) => void) => Disposable
      : never;
};

export type ContractImpl<C extends ContractSpec> = { [K in keyof C]: ServiceImpl<C[K]> };
export type ContractClient<C extends ContractSpec> = { [K in keyof C]: ServiceClient<C[K]> };
