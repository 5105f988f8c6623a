import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CardEntryRefusal, SandboxPsp } from '../psp/sandbox-psp';

/** Words for each refusal of the sandbox's card form (never the number itself). */
const REFUSAL_TEXT: Readonly<Record<CardEntryRefusal | 'session_closed', string>> = {
  invalid_number: 'That card number is not valid. Check the digits.',
  invalid_expiry: 'Type the expiry as MM/YY.',
  expired_card: 'That card has expired.',
  invalid_cvc: 'The security code is 3 or 4 digits.',
  session_closed: 'This card setup is finished or has expired. Start again from the app.',
};

/** A brand as people write it. */
function brandName(brand: string): string {
  return (
    ({ visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express' } as Record<string, string>)[brand] ??
    'Card'
  );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font: 18px/1.4 system-ui, sans-serif; max-width: 28rem; margin: 3rem auto; padding: 0 1rem; color: #1d2430; }
  .sandbox { background: #fff4d6; border: 1px solid #d9a400; padding: .5rem .75rem; border-radius: 6px; font-size: 15px; }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  input { font-size: 20px; padding: .6rem; width: 100%; box-sizing: border-box; border: 1px solid #8893a4; border-radius: 6px; }
  .row { display: flex; gap: 1rem; } .row > div { flex: 1; }
  button { margin-top: 1.5rem; font-size: 20px; padding: .8rem 1.2rem; width: 100%; border: 0; border-radius: 6px;
           background: #1f5fbf; color: #fff; cursor: pointer; }
  .error { color: #a4161a; font-weight: 600; margin-top: 1rem; }
  .done { font-size: 22px; }
</style></head><body>
<p class="sandbox">SANDBOX payment provider: no money moves. Use the test cards listed in the README (under
Reseller wallet): they succeed, decline, or fail once and then succeed.</p>
${body}
</body></html>`;
}

function formPage(sessionId: string, error: string | null): string {
  return page(
    'Add a card',
    `<h1>Add a card</h1>
<form method="post" action="/psp-sandbox/setup/${escapeHtml(sessionId)}" autocomplete="on">
  <label for="number">Card number</label>
  <input id="number" name="number" inputmode="numeric" autocomplete="cc-number" required autofocus>
  <div class="row">
    <div><label for="expiry">Expiry (MM/YY)</label>
      <input id="expiry" name="expiry" autocomplete="cc-exp" placeholder="MM/YY" required></div>
    <div><label for="cvc">Security code</label>
      <input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" required></div>
  </div>
  ${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
  <button type="submit">Save card</button>
</form>`,
  );
}

const sessionParams = z.object({ id: z.uuid() });
const cardForm = z.object({ number: z.string().max(40), expiry: z.string().max(10), cvc: z.string().max(8) });

/**
 * The SANDBOX payment provider's hosted card-entry page, served by the API under `/psp-sandbox/` (a real provider
 * serves it on its own origin): a form for the card number, expiry and CVC whose POST tokenizes the card and
 * completes the terminal's setup session. The number is checked and dropped; only brand and last4 are shown back.
 */
export function registerPspSandboxRoutes(app: FastifyInstance, psp: SandboxPsp): void {
  void app.register(async (scoped) => {
    // Form posts are parsed only inside this plugin; the JSON API keeps refusing other content types.
    scoped.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    // The card page must never be framed by another site (clickjacking), as a real provider's page is not.
    scoped.addHook('onSend', async (_request, reply) => {
      reply.header('content-security-policy', "frame-ancestors 'none'").header('x-frame-options', 'DENY');
    });
    scoped.get('/psp-sandbox/setup/:id', { schema: { hide: true } }, async (request, reply) => {
      const params = sessionParams.safeParse(request.params);
      const state = params.success ? await psp.getSetupSession(params.data.id).catch(() => null) : null;
      reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store');
      if (!params.success || !state || state.status !== 'pending') {
        return reply
          .status(404)
          .send(page('Card setup', `<p class="error">${REFUSAL_TEXT.session_closed}</p>`));
      }
      return reply.send(formPage(params.data.id, null));
    });
    scoped.post('/psp-sandbox/setup/:id', { schema: { hide: true } }, async (request, reply) => {
      reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store');
      const params = sessionParams.safeParse(request.params);
      const form = cardForm.safeParse(request.body);
      if (!params.success) {
        return reply
          .status(404)
          .send(page('Card setup', `<p class="error">${REFUSAL_TEXT.session_closed}</p>`));
      }
      if (!form.success) return reply.status(400).send(formPage(params.data.id, REFUSAL_TEXT.invalid_number));
      const result = await psp.submitCard(params.data.id, form.data);
      if (!result.ok) {
        return reply
          .status(result.refusal === 'session_closed' ? 409 : 400)
          .send(
            result.refusal === 'session_closed'
              ? page('Card setup', `<p class="error">${REFUSAL_TEXT.session_closed}</p>`)
              : formPage(params.data.id, REFUSAL_TEXT[result.refusal]),
          );
      }
      return reply.send(
        page(
          'Card saved',
          `<h1>Card saved</h1><p class="done">${escapeHtml(brandName(result.card.brand))} ending ${escapeHtml(result.card.last4)}
is saved. You can close this window and go back to the app.</p>`,
        ),
      );
    });
  });
}
