// Generated incidents with the reply target (README, How the clock works: the
// reply paragraph): every severity of an incidentCase gets a `reply`, and
// extra comments by customers, engineers, members, the app and ghosts make
// most incidents have waits, several of them, answered, late or still open.
import fc from "fast-check";
import { ACTORS, type IncidentCase, incidentCase } from "./arbitraries.js";

const MINUTE = 60_000;

const replyText = fc.oneof(
  fc.integer({ min: 1, max: 8 }).map((h) => `${h}h`),
  fc.integer({ min: 1, max: 600 }).map((m) => `${m}m`),
  fc.constant("1d"),
);
const extraComment = fc.record({ after: fc.integer({ min: 0, max: 4 * 1440 }), actor: fc.integer({ min: 0, max: ACTORS.length - 1 }) });

export const replyCase: fc.Arbitrary<IncidentCase> = fc
  .tuple(incidentCase, fc.array(replyText, { minLength: 3, maxLength: 3 }), fc.array(extraComment, { maxLength: 8 }))
  .map(([c, texts, extra]): IncidentCase => {
    const config = structuredClone(c.config);
    Object.values(config.severities ?? {}).forEach((severity, i) => {
      severity.reply = texts[i % texts.length]!;
    });
    const created = Date.parse(c.issue.created_at as string);
    const comments = extra.map(({ after, actor }) => {
      const { login, association } = ACTORS[actor]!;
      const user = login === null ? null : { login };
      const created_at = new Date(created + after * MINUTE).toISOString().replace(".000Z", "Z");
      return { event: "commented", created_at, user, actor: user, author_association: association, body: "…" };
    });
    // Stable: an extra comment comes after the generated events of its minute.
    const timeline = [...c.timeline, ...comments].sort((a, b) => Date.parse(a.created_at as string) - Date.parse(b.created_at as string));
    return { ...c, config, timeline };
  });
