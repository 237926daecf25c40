import type { ProviderKind } from '../../../../shared/contract';

export const PROVIDER_KINDS: readonly { kind: ProviderKind; label: string; hint: string; defaultUrl: string }[] = [
  {
    kind: 'openai',
    label: 'OpenAI',
    hint: 'GPT models with an OpenAI API key',
    defaultUrl: 'https://api.openai.com/v1',
  },
  {
    kind: 'anthropic',
    label: 'Anthropic',
    hint: 'Claude models with an Anthropic API key',
    defaultUrl: 'https://api.anthropic.com/v1',
  },
  {
    kind: 'openai-compatible',
    label: 'OpenAI-compatible',
    hint: 'Ollama, LM Studio, llama.cpp, vLLM, OpenRouter …',
    defaultUrl: 'http://localhost:11434/v1',
  },
];

export function kindLabel(kind: ProviderKind): string {
  return PROVIDER_KINDS.find((entry) => entry.kind === kind)?.label ?? kind;
}

export function kindInfo(kind: ProviderKind) {
  return PROVIDER_KINDS.find((entry) => entry.kind === kind) ?? PROVIDER_KINDS[0]!;
}
