import type { Store } from '../db/store';
import type { CommentRow } from '../db/annotations';
import type { CommentWithMeta } from '../db/comment-meta';
import { badRequest, conflict, notFound } from '../errors';

/** What a comment may be about, when its author says. */
export const ISSUE_TYPES = ['question', 'accuracy', 'fluency', 'terminology', 'style', 'locale', 'source-issue', 'other'] as const;

const MENTION = /(^|[^\p{L}\p{N}_@])@([\p{L}\p{N}_.-]{1,64})/gu;

/** Comments as threads a team works through: issue type, @mentions, resolved and reopened. */
export class CommentToolsService {
  constructor(private readonly store: Store) {}

  /** The issue type a request gives (checked before the comment is stored), or null. */
  parseIssueType(value: unknown): string | null {
    if (value === undefined || value === null || value === '') return null;
    if (typeof value !== 'string' || !(ISSUE_TYPES as readonly string[]).includes(value)) {
      throw badRequest('invalid-field', `"issueType" must be one of ${ISSUE_TYPES.join(', ')}.`);
    }
    return value;
  }

  /** Called right after a comment is stored: its issue type and the existing users it mentions. */
  describe(comment: CommentRow, issueType: string | null): CommentWithMeta {
    return this.store.transaction(() => {
      if (issueType !== null) this.store.commentMeta.setIssueType(comment.id, issueType);
      for (const name of mentionsIn(comment.body)) {
        const user = this.store.users.byName(name);
        if (user) this.store.commentMeta.mention(comment.id, user.name);
      }
      return this.store.commentMeta.get(comment.id)!;
    });
  }

  forSegment(segmentId: number): CommentWithMeta[] {
    if (!this.store.segments.get(segmentId)) throw notFound(`Segment ${segmentId}`);
    return this.store.commentMeta.forSegment(segmentId);
  }

  mentioning(userName: string): CommentWithMeta[] {
    return this.store.commentMeta.mentioning(userName);
  }

  /** Resolves a thread (its first comment) or reopens it; a reply cannot be resolved on its own. */
  setResolved(commentId: number, resolved: boolean, actor: string): CommentWithMeta {
    return this.store.transaction(() => {
      const comment = this.store.commentMeta.get(commentId);
      if (!comment) throw notFound(`Comment ${commentId}`);
      if (comment.parentId !== null) throw badRequest('reply-not-thread', 'Resolve the thread from its first comment, not from a reply.');
      if (resolved === (comment.resolvedAt !== null)) throw conflict(resolved ? 'already-resolved' : 'not-resolved', resolved ? 'This comment is already resolved.' : 'This comment is not resolved.');
      this.store.commentMeta.setResolved(commentId, resolved ? actor : null);
      const segment = this.store.segments.get(comment.segmentId)!;
      this.store.events.record({ actor, action: resolved ? 'comment.resolved' : 'comment.reopened', documentId: segment.documentId, segmentId: segment.id, details: { commentId } });
      return this.store.commentMeta.get(commentId)!;
    });
  }
}

/** The names after @ in a comment ("@ada, can you check?" mentions ada), without trailing dots. */
export function mentionsIn(body: string): string[] {
  return [...new Set([...body.matchAll(MENTION)].map((m) => m[2].replace(/[.-]+$/, '')).filter((n) => n !== ''))];
}
