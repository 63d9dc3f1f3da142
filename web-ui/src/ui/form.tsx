// Forms that submit through the API client and show the API's answer in one round: the message
// at the top and every field's message under its field at once (the API validates all fields
// together), focus on the first field in error. Controls are named; the form hands their values
// to onSubmit. Editors with their own state ignore the values and send what they hold.

import { createContext, type ComponentChildren, type JSX } from 'preact';
import { useContext, useEffect, useId, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { knownZones } from './time';

export type FormValues = Record<string, string>;

const FieldErrors = createContext<ApiError | null>(null);

export function capitalize(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface FormProps {
  /** The form's accessible name, e.g. "Create a team". */
  label: string;
  /** The submit button's text. */
  submit: string;
  onSubmit: (values: FormValues, form: HTMLFormElement) => Promise<void>;
  children: ComponentChildren;
  class?: string;
  /** Clears the inputs after a successful submit. */
  resetOnSuccess?: boolean;
  /** Extra buttons beside submit (e.g. Cancel). */
  actions?: ComponentChildren;
  /** Request fields whose errors belong to a field with another name. */
  fieldAliases?: Record<string, string>;
}

export function Form(props: FormProps) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!error || !ref.current) return;
    const invalid = ref.current.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? ref.current.querySelector<HTMLElement>('.form-error'))?.focus();
  }, [error]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = ref.current!;
    const values: FormValues = {};
    for (const [name, value] of new FormData(form).entries()) {
      values[name] = typeof value === 'string' ? value : value.name;
    }
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(values, form);
      if (props.resetOnSuccess && form.isConnected) form.reset();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const apiError = error instanceof ApiError ? aliased(error, props.fieldAliases) : null;
  const names = new Set<string>();
  if (ref.current) {
    for (const el of ref.current.querySelectorAll<HTMLElement>('[name]')) {
      names.add(el.getAttribute('name')!);
    }
  }
  const unplaced = apiError ? apiError.fields.filter((f) => !names.has(f.field)) : [];

  return (
    <form
      ref={ref}
      class={['form', props.class].filter(Boolean).join(' ')}
      aria-label={props.label}
      aria-busy={busy ? 'true' : undefined}
      noValidate
      onSubmit={submit}
    >
      {error != null && (
        <div class="form-error" role="alert" tabIndex={-1}>
          <p>{capitalize(errorText(error))}</p>
          {unplaced.length > 0 && (
            <ul>
              {unplaced.map((f) => (
                <li key={f.field + f.message}>
                  {f.field}: {f.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <FieldErrors.Provider value={apiError}>{props.children}</FieldErrors.Provider>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {props.submit}
        </button>
        {props.actions}
      </div>
    </form>
  );
}

function aliased(error: ApiError, aliases?: Record<string, string>): ApiError {
  if (!aliases) return error;
  return new ApiError(
    error.status,
    error.code,
    error.message,
    error.fields.map((f) => ({ ...f, field: aliases[f.field] ?? f.field })),
  );
}

/** The API's messages for one field of the enclosing Form, joined. */
export function useFieldError(name: string): string | null {
  const error = useContext(FieldErrors);
  const messages = error ? error.messagesFor(name) : [];
  return messages.length ? messages.map(capitalize).join('; ') : null;
}

interface FieldProps {
  label: string;
  name: string;
  type?:
    | 'text'
    | 'email'
    | 'password'
    | 'search'
    | 'url'
    | 'tel'
    | 'number'
    | 'datetime-local'
    | 'time'
    | 'date';
  value?: string;
  required?: boolean;
  hint?: ComponentChildren;
  autocomplete?: string;
  placeholder?: string;
  /** Makes the field a <select>. */
  options?: readonly { value: string; label: string }[];
  multiline?: boolean;
  /** Offers the IANA time zones as suggestions. */
  timeZones?: boolean;
  /** For controlled use: called with the new value on every change. */
  onInput?: (value: string) => void;
  min?: string;
  max?: string;
  step?: string;
  disabled?: boolean;
}

/** A label, its control, an optional hint and the API's message about the field. */
export function Field(props: FieldProps) {
  const id = useId();
  const error = useFieldError(props.name);
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  const common = {
    id,
    name: props.name,
    required: props.required ?? false,
    disabled: props.disabled,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': [hintId, error ? errorId : null].filter(Boolean).join(' ') || undefined,
  };
  const onInput = props.onInput
    ? (e: JSX.TargetedEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
        props.onInput!(e.currentTarget.value)
    : undefined;
  // Uncontrolled fields keep what the person typed across re-renders (an error shown, say).
  const controlled = props.onInput !== undefined;
  const valueProps = controlled ? { value: props.value } : { defaultValue: props.value };
  let control;
  if (props.options) {
    control = (
      <select {...common} value={controlled ? props.value : undefined} onChange={onInput}>
        {props.options.map((o) => (
          <option
            key={o.value}
            value={o.value}
            selected={controlled ? undefined : o.value === props.value}
          >
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (props.multiline) {
    control = (
      <textarea
        {...common}
        rows={3}
        placeholder={props.placeholder}
        {...valueProps}
        onInput={onInput}
      />
    );
  } else {
    control = (
      <input
        {...common}
        type={props.type ?? 'text'}
        autoComplete={props.autocomplete ?? 'off'}
        placeholder={props.placeholder}
        list={props.timeZones ? 'time-zones' : undefined}
        spellcheck={props.type === 'email' || props.type === 'password' ? false : undefined}
        {...valueProps}
        onInput={onInput}
        min={props.min}
        max={props.max}
        step={props.step}
      />
    );
  }
  return (
    <div class="field">
      <label for={id}>
        {props.label}
        {!props.required && <span class="optional"> (optional)</span>}
      </label>
      {control}
      {props.timeZones && <TimeZoneList />}
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

function TimeZoneList() {
  if (typeof document !== 'undefined' && document.getElementById('time-zones')) return null;
  return (
    <datalist id="time-zones">
      {knownZones().map((z) => (
        <option key={z} value={z} />
      ))}
    </datalist>
  );
}
