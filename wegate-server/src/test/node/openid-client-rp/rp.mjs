// A small web app that logs people in with openid-client, as its documentation shows: discovery,
// the authorization code flow with PKCE, state and nonce, the code grant (ID token checked by the
// library) and UserInfo. Usage: node rp.mjs <issuer> <client_id> <client_secret> <port>
import * as client from 'openid-client';
import http from 'node:http';

const [issuer, clientId, clientSecret, port] = process.argv.slice(2);
const base = `http://127.0.0.1:${port}`;
const redirectUri = `${base}/cb`;
// the test's wegate runs on plain http on localhost; openid-client refuses http unless told
const config = await client.discovery(new URL(issuer), clientId, clientSecret, undefined, {
  execute: [client.allowInsecureRequests],
});
const pending = new Map();

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

http
  .createServer(async (req, res) => {
    try {
      const url = new URL(req.url, base);
      if (url.pathname === '/') {
        const verifier = client.randomPKCECodeVerifier();
        const state = client.randomState();
        const nonce = client.randomNonce();
        pending.set(state, { verifier, nonce });
        const target = client.buildAuthorizationUrl(config, {
          redirect_uri: redirectUri,
          scope: 'openid profile',
          code_challenge: await client.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
          state,
          nonce,
        });
        res.writeHead(302, { Location: target.href }).end();
        return;
      }
      if (url.pathname === '/cb') {
        const state = url.searchParams.get('state');
        const p = pending.get(state);
        pending.delete(state);
        const tokens = await client.authorizationCodeGrant(config, url, {
          pkceCodeVerifier: p.verifier,
          expectedState: state,
          expectedNonce: p.nonce,
        });
        const claims = tokens.claims();
        const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(
          `<!doctype html><p id="sub">${esc(claims.sub)}</p><p id="amr">${esc((claims.amr || []).join(','))}</p>` +
            `<p id="acr">${esc(claims.acr)}</p><p id="userinfo-sub">${esc(userinfo.sub)}</p>`,
        );
        return;
      }
      res.writeHead(404).end();
    } catch (e) {
      let detail = '';
      if (e && e.cause instanceof Response) {
        detail = `${e.cause.url} ${e.cause.status} ${e.cause.headers.get('content-type')} ${await e.cause.text()}`;
      } else if (e && e.cause) {
        detail = `${e.cause.message} ${JSON.stringify(e.cause.cause ?? {})}`;
      }
      res.writeHead(500, { "Content-Type": "text/plain" }).end(`openid-client error: ${e && e.message} ${detail} ${e && e.stack}`);
    }
  })
  .listen(Number(port), '127.0.0.1', () => console.log(`listening on ${port}`));
