import request from 'supertest';
import { testApp, as, SOURCE, MT } from '../helpers/app';
import type { Role } from '../../server/db/users';

type Who = Role | 'anonymous';
const WHO: Who[] = ['anonymous', 'editor', 'reviewer', 'admin'];

/** Every action, the least role it needs, and how to make the request. */
interface Action {
  name: string;
  needs: Role;
  send: (agent: request.Agent | ReturnType<typeof request>, ids: Ids) => request.Test;
}
interface Ids { documentId: number; segmentId: number; proposalId: number; findingId: number; version: number }

const ACTIONS: Action[] = [
  { name: 'list documents (API)', needs: 'editor', send: (a) => a.get('/api/documents') },
  { name: 'read segments (API)', needs: 'editor', send: (a, i) => a.get(`/api/documents/${i.documentId}/segments`) },
  { name: 'export', needs: 'editor', send: (a, i) => a.get(`/api/documents/${i.documentId}/export?format=txt`) },
  { name: 'review page', needs: 'editor', send: (a, i) => a.get(`/documents/${i.documentId}`) },
  { name: 'rules page', needs: 'editor', send: (a) => a.get('/rules') },
  { name: 'propose an edit', needs: 'editor', send: (a, i) => a.post(`/api/segments/${i.segmentId}/proposals`).send({ text: `A new text ${Math.random()}.`, baseVersion: i.version }) },
  { name: 'comment', needs: 'editor', send: (a, i) => a.post(`/api/segments/${i.segmentId}/comments`).send({ body: 'A note.' }) },
  { name: 'reject a proposal', needs: 'reviewer', send: (a, i) => a.post(`/api/proposals/${i.proposalId}/reject`).send({ reason: 'no' }) },
  { name: 'accept a proposal', needs: 'reviewer', send: (a, i) => a.post(`/api/proposals/${i.proposalId}/accept`).send({}) },
  { name: 'dismiss a finding', needs: 'reviewer', send: (a, i) => a.post(`/api/findings/${i.findingId}/dismiss`).send({}) },
  { name: 'mark reviewed', needs: 'reviewer', send: (a, i) => a.post(`/api/segments/${i.segmentId}/status`).send({ status: 'reviewed', baseVersion: i.version, confirm: true }) },
  { name: 'bulk action', needs: 'reviewer', send: (a, i) => a.post(`/api/documents/${i.documentId}/bulk`).send({ action: 'reject-stale', dryRun: true }) },
  { name: 'switch a rule off', needs: 'reviewer', send: (a, i) => a.put(`/api/documents/${i.documentId}/rules/test-mutual-cooperation`).send({ enabled: false }) },
  { name: 'import a document', needs: 'admin', send: (a) => a.post('/api/documents').send({ title: 'T', sourceLang: 'zh', targetLang: 'en', mtText: 'Text.' }) },
  { name: 'delete a document', needs: 'admin', send: (a, i) => a.delete(`/api/documents/${i.documentId}`) },
  { name: 'users page', needs: 'admin', send: (a) => a.get('/admin/users') },
  { name: 'list users (API)', needs: 'admin', send: (a) => a.get('/api/users') },
  { name: 'list API tokens (API)', needs: 'admin', send: (a) => a.get('/api/tokens') },
];

const RANK: Record<Who, number> = { anonymous: 0, editor: 1, reviewer: 2, admin: 3 };

/** A fresh document with one pending proposal, so every action has something to act on. */
async function setUp() {
  const { app, services } = testApp();
  const admin = as(app, 'ada', 'admin');
  const doc = (await admin.post('/api/documents').send({ title: 'P', sourceLang: 'zh', targetLang: 'en', sourceText: SOURCE, mtText: MT }).expect(201)).body;
  const [segment] = services.store.segments.page(doc.id, 1, 1);
  const proposal = (await admin.post(`/api/segments/${segment.id}/proposals`).send({ text: 'Changed.', baseVersion: 1 }).expect(201)).body;
  const finding = services.store.findings.forSegment(segment.id)[0];
  return { app, ids: { documentId: doc.id, segmentId: segment.id, proposalId: proposal.id, findingId: finding.id, version: 1 } };
}

describe.each(ACTIONS.map((a) => [a.name, a] as const))('%s', (_name, action) => {
  test.each(WHO)('as %s', async (who) => {
    const { app, ids } = await setUp();
    const agent = who === 'anonymous' ? request(app) : as(app, `${who}-user`, who);
    const res = await action.send(agent as request.Agent, ids);
    if (who === 'anonymous') {
      if (action.send.toString().includes("'/api/")) expect(res.status).toBe(401);
      else expect([401, 303]).toContain(res.status);
      if (res.status === 303) expect(res.headers.location).toMatch(/^\/login\?next=/);
    } else if (RANK[who] >= RANK[action.needs]) {
      expect(res.status).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(300);
    } else {
      expect(res.status).toBe(403);
      expect(res.body.error?.reason ?? 'forbidden').toBe('forbidden');
    }
  });
});
