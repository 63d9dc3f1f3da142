// The frame of every signed-in screen: the document title, a focusable <h1> that receives focus
// when the screen opens (keyboard and screen-reader users start there), loading and failure.

import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useRef } from 'preact/hooks';
import { ApiError } from '../api';
import type { Loaded } from './load';
import { useSession } from './session';
import { capitalize, errorText } from './form';

interface PageProps {
  title: string;
  /** Shown after the title in the heading (a badge, say). */
  titleExtra?: ComponentChildren;
  /** A line under the heading. */
  lead?: ComponentChildren;
  /** Links back up, e.g. to the list this item is in. */
  breadcrumb?: { href: string; label: string };
  children?: ComponentChildren;
}

/** Whether a component renders inside a Page (which gives the screen its heading). */
const InPage = createContext(false);

export function Page(props: PageProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · Switchboard`;
  }, [props.title]);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div class="page">
      {props.breadcrumb && (
        <p class="breadcrumb">
          <a href={props.breadcrumb.href}>← {props.breadcrumb.label}</a>
        </p>
      )}
      <h1 ref={heading} tabIndex={-1}>
        {props.title}
        {props.titleExtra}
      </h1>
      {props.lead && <p class="lead">{props.lead}</p>}
      <InPage.Provider value={true}>{props.children}</InPage.Provider>
    </div>
  );
}

/**
 * Renders `children(data)` once loaded; "Loading…" before; the failure with "Try again" when the
 * first load failed. A failed refresh keeps the last data on screen. An ended session sends the
 * person to the login screen.
 */
export function Loading<T>({
  state,
  children,
}: {
  state: Loaded<T>;
  children: (data: T) => ComponentChildren;
}) {
  const { ended } = useSession();
  const inPage = useContext(InPage);
  const expired = state.error instanceof ApiError && state.error.status === 401;
  useEffect(() => {
    if (expired) ended('Your session has ended. Please log in again.');
  }, [expired, ended]);
  if (state.data !== undefined) return <>{children(state.data)}</>;
  if (state.error !== undefined) {
    const failed = <LoadFailed error={state.error} retry={state.reload} />;
    if (inPage) return failed;
    // A screen whose first load failed still has a heading, for the title and screen readers.
    const notFound = state.error instanceof ApiError && state.error.status === 404;
    return <Page title={notFound ? 'Not found' : 'This page could not be loaded'}>{failed}</Page>;
  }
  return <p class="loading">Loading…</p>;
}

export function LoadFailed({ error, retry }: { error: unknown; retry?: () => void }) {
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <div class="form-error" role="alert">
      <p>
        {notFound
          ? 'There is nothing here: it does not exist, or it belongs to another organization.'
          : `This could not be loaded: ${capitalize(errorText(error))}`}
      </p>
      {retry && !notFound && (
        <button type="button" onClick={() => retry()}>
          Try again
        </button>
      )}
    </div>
  );
}

/** What an empty list says: what is missing and what to do next. */
export function Empty({ children }: { children: ComponentChildren }) {
  return <div class="empty">{children}</div>;
}

/** A screen only owners and admins may open. */
export function AdminOnly({ title, children }: { title: string; children: ComponentChildren }) {
  const { isAdmin } = useSession();
  if (isAdmin) return <>{children}</>;
  return (
    <Page title={title}>
      <p>Only owners and admins can open this page.</p>
    </Page>
  );
}

export interface Column<T> {
  /** The header text; also each cell's label when the table stacks on a phone. */
  label: string;
  cell: (row: T) => ComponentChildren;
  /** A row header (the item's name), read first by screen readers. */
  rowHeader?: boolean;
  class?: string;
}

/**
 * A table that becomes a stack of cards on narrow screens (each cell labelled by its column),
 * so no screen scrolls sideways at phone width.
 */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  rowClass,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  rowClass?: (row: T) => string | undefined;
}) {
  return (
    <table class="table stack">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.label} scope="col" class={c.class}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} class={rowClass?.(row)}>
            {columns.map((c) =>
              c.rowHeader ? (
                <th key={c.label} scope="row" data-label={c.label} class={c.class}>
                  {c.cell(row)}
                </th>
              ) : (
                <td key={c.label} data-label={c.label} class={c.class}>
                  {c.cell(row)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
