import { useEffect, useRef } from 'react';
import { DefaultModelForm } from './DefaultModelForm';
import { ProviderForm } from './ProviderForm';

interface GuidedSetupProps {
  readonly step: 1 | 2;
  readonly onDismiss: () => void;
}

/**
 * First start: a short two-step setup (provider, then model) on the "New chat" page.
 * "Skip for now" hides it for good; Settings has the same controls.
 */
export function GuidedSetup({ step, onDismiss }: GuidedSetupProps) {
  const section = useRef<HTMLElement>(null);
  const firstStep = useRef(step);
  useEffect(() => {
    // The provider's form (and its focused button) is gone once saved: the model's field takes the cursor
    // (the provider just added is already chosen).
    if (step !== firstStep.current) section.current?.querySelector('input')?.focus();
  }, [step]);
  return (
    <section ref={section} className="card guided-setup" aria-labelledby="setup-heading">
      <div className="section-head">
        <h2 id="setup-heading">Set up Navi</h2>
        <button type="button" className="button subtle small" onClick={onDismiss}>
          Skip for now
        </button>
      </div>
      <ol className="setup-steps">
        <li className={step === 1 ? 'active' : 'done'}>Connect a model provider</li>
        <li className={step === 2 ? 'active' : ''}>Choose a model</li>
      </ol>
      {step === 1 ? (
        <>
          <p className="muted">
            Navi needs a language model to reply. Use an OpenAI or Anthropic account, or a model running on this
            computer (Ollama, LM Studio …).
          </p>
          <ProviderForm onSaved={() => undefined} submitLabel="Save and continue" />
        </>
      ) : (
        <>
          <p className="muted">Which model should reply? You can change it any time in Settings.</p>
          <DefaultModelForm />
        </>
      )}
    </section>
  );
}
