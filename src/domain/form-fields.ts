// The issue-form fields the app reads, with their headings in both languages.
// GitHub renders an issue form as "### <label>" sections; these headings are
// the labels of the forms in .github/ISSUE_TEMPLATE/ and what the parser looks
// for, so the forms and the parser cannot drift apart.

export interface FormField {
  id: string;
  en: string;
  ru: string;
}

export const FORM_FIELDS = {
  channel: { id: "channel", en: "Channel", ru: "Канал" },
  receivedAt: { id: "receivedAt", en: "Received at", ru: "Когда получено" },
} as const satisfies Record<string, FormField>;

export type FormFieldId = keyof typeof FORM_FIELDS;

/** Channel values that are official (P10, P11), in either language, compared case-insensitively. */
export const OFFICIAL_CHANNELS: Readonly<Record<string, "github" | "email" | "phone">> = {
  github: "github",
  email: "email",
  "e-mail": "email",
  "электронная почта": "email",
  "официальная почта": "email",
  phone: "phone",
  телефон: "phone",
};
