export * from './currentTimeTool';
export * from './toolName';
export * from './toolRegistry';
export * from './types';
