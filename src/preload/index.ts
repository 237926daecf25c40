import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_KEY, RPC_CHANNEL, type NaviBridge } from '../shared/contract/bridge';
import { contract } from '../shared/contract';
import { frameRefusal } from '../shared/rpc/frameSize';
import { WireMessage } from '../shared/rpc/protocol';

const serviceNames = new Set(Object.values(contract).map((service) => service.name));

/** Only well-formed messages for the contract's services leave the page. */
function isContractMessage(message: unknown): boolean {
  const parsed = WireMessage.safeParse(message);
  if (!parsed.success) return false;
  const value = parsed.data;
  return value.t === 'call' || value.t === 'listen'
    ? serviceNames.has(value.service)
    : value.t === 'cancel' || value.t === 'unlisten';
}

const bridge: NaviBridge = {
  send(message) {
    if (!isContractMessage(message)) throw new Error('Navi bridge: refused a message outside the contract');
    const tooLarge = frameRefusal(message);
    if (tooLarge) throw new Error(tooLarge);
    ipcRenderer.send(RPC_CHANNEL, message);
  },
  onMessage(listener) {
    const wrapped = (_event: IpcRendererEvent, message: unknown): void => listener(message);
    ipcRenderer.on(RPC_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(RPC_CHANNEL, wrapped);
  },
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
