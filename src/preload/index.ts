import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY } from '../shared/contract/bridge';
import { createBridge } from './bridge';

// The port stays in this isolated world: the page reaches it only through the bridge's checks.
contextBridge.exposeInMainWorld(BRIDGE_KEY, createBridge(ipcRenderer));
