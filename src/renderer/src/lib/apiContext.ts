import { createContext, useContext } from 'react';
import type { NaviClient } from '../../../shared/contract';

export const ApiContext = createContext<NaviClient | undefined>(undefined);

/** The typed client for the core's services (the window has exactly one). */
export function useApi(): NaviClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi needs an ApiContext provider');
  return api;
}
