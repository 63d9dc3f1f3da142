// Labelled form fields and a form that submits through the API client and shows the API's
// errors: the message at the top, each field's message under that field.

import { ApiError } from './api';
import { h, knownTimeZones, replace, uid, type Child } from './dom';

export interface FieldOptions {
  label: string;
  name: string;
  type?: 'text' | 'email' | 'password' | 'search' | 'url';
  value?: string;
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  placeholder?: string;
  /** Makes the field a <select>. */
  options?: readonly { value: string; label: string }[];
  multiline?: boolean;
  /** Offers the IANA time zones as suggestions. */
  timeZones?: boolean;
}

let zoneList: HTMLDataListElement | null = null;

function timeZoneList(): string {
  if (!zoneList) {
    zoneList = h(
      'datalist',
      { id: 'time-zones' },
      ...knownTimeZones().map((z) => h('option', { value: z })),
    );
    document.body.appendChild(zoneList);
  }
  return zoneList.id;
}

/** A label, its control, an optional hint and a slot for the API's message about the field. */
export function field(options: FieldOptions): HTMLDivElement {
  const id = uid(`f-${options.name}`);
  const hintId = options.hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const common = {
    id,
    name: options.name,
    required: options.required ?? false,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' '),
  };
  let control: HTMLElement;
  if (options.options) {
    control = h(
      'select',
      common,
      ...options.options.map((o) =>
        h('option', { value: o.value, selected: o.value === options.value }, o.label),
      ),
    );
  } else if (options.multiline) {
    const area = h('textarea', { ...common, rows: 3, placeholder: options.placeholder });
    area.value = options.value ?? '';
    control = area;
  } else {
    const input = h('input', {
      ...common,
      type: options.type ?? 'text',
      autocomplete: options.autocomplete ?? 'off',
      placeholder: options.placeholder,
      list: options.timeZones ? timeZoneList() : undefined,
      spellcheck: options.type === 'email' || options.type === 'password' ? 'false' : undefined,
    });
    input.value = options.value ?? '';
    control = input;
  }
  return h(
    'div',
    { class: 'field' },
    h(
      'label',
      { for: id },
      options.label,
      options.required ? null : h('span', { class: 'optional' }, ' (optional)'),
    ),
    control,
    hintId ? h('p', { class: 'hint', id: hintId }, options.hint) : null,
    h('p', { class: 'field-error', id: errorId, hidden: true }),
  );
}

export type FormValues = Record<string, string>;

export interface FormOptions {
  /** Accessible name of the form, e.g. "Create a team". */
  label: string;
  fields: Child[];
  submit: string;
  onSubmit: (values: FormValues, form: HTMLFormElement) => Promise<void>;
  /** Extra classes, e.g. "inline". */
  className?: string;
  /** Clears the inputs after a successful submit. */
  resetOnSuccess?: boolean;
}

/**
 * A form that collects its named controls' values, disables itself while the request runs and
 * shows an ApiError's message and field messages.
 */
export function form(options: FormOptions): HTMLFormElement {
  const alert = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit', class: 'primary' }, options.submit);
  const element = h(
    'form',
    {
      class: ['form', options.className].filter(Boolean).join(' '),
      'aria-label': options.label,
      novalidate: true,
    },
    alert,
    ...options.fields,
    h('div', { class: 'actions' }, button),
  );
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(element);
    const values: FormValues = {};
    for (const [name, value] of new FormData(element).entries()) {
      values[name] = typeof value === 'string' ? value : value.name;
    }
    button.disabled = true;
    element.setAttribute('aria-busy', 'true');
    try {
      await options.onSubmit(values, element);
      if (options.resetOnSuccess && element.isConnected) element.reset();
    } catch (error) {
      showErrors(element, error);
    } finally {
      button.disabled = false;
      element.removeAttribute('aria-busy');
    }
  });
  return element;
}

export function clearErrors(formElement: HTMLFormElement): void {
  const alert = formElement.querySelector<HTMLElement>('.form-error');
  if (alert) {
    alert.hidden = true;
    alert.textContent = '';
  }
  for (const slot of formElement.querySelectorAll<HTMLElement>('.field-error')) {
    slot.hidden = true;
    slot.textContent = '';
  }
  for (const control of formElement.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
  }
}

/** Puts an error on the form: field messages beside their fields, the rest at the top. */
export function showErrors(formElement: HTMLFormElement, error: unknown): void {
  const alert = formElement.querySelector<HTMLElement>('.form-error');
  const message = error instanceof Error ? error.message : String(error);
  const unplaced: string[] = [];
  let firstInvalid: HTMLElement | null = null;
  if (error instanceof ApiError) {
    for (const fieldError of error.fields) {
      const control = formElement.querySelector<HTMLElement>(
        `[name="${CSS.escape(fieldError.field)}"]`,
      );
      const slot = control?.parentElement?.querySelector<HTMLElement>('.field-error');
      if (control && slot) {
        const text = capitalize(fieldError.message);
        slot.textContent = slot.textContent ? `${slot.textContent}; ${text}` : text;
        slot.hidden = false;
        control.setAttribute('aria-invalid', 'true');
        firstInvalid ??= control;
      } else {
        unplaced.push(`${fieldError.field}: ${fieldError.message}`);
      }
    }
  }
  if (alert) {
    replace(
      alert,
      h('p', null, capitalize(message)),
      unplaced.length ? h('ul', null, ...unplaced.map((u) => h('li', null, u))) : null,
    );
    alert.hidden = false;
  }
  firstInvalid?.focus();
}

export function capitalize(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}
