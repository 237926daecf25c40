import type { ContractClient, ContractImpl } from '../rpc/service';
import { appService } from './app';

export * from './app';

/** Every service Navi's core offers to a window. Channel names come only from here. */
export const contract = {
  app: appService,
} as const;

export type NaviContract = typeof contract;
export type NaviServices = ContractImpl<NaviContract>;
export type NaviClient = ContractClient<NaviContract>;
