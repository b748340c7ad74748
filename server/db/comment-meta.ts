import type { Db } from './connection';
import { now } from './time';

export interface CommentMeta {
  issueType: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  mentions: string[];
}

export interface CommentWithMeta extends CommentMeta {
  id: number;
  segmentId: number;
  parentId: number | null;
  author: string;
  body: string;
  createdAt: string;
}

const SELECT = `SELECT c.id, c.segment_id AS segmentId, c.parent_id AS parentId, c.author, c.body, c.created_at AS createdAt,
  m.issue_type AS issueType, m.resolved_by AS resolvedBy, m.resolved_at AS resolvedAt,
  (SELECT json_group_array(user_name) FROM comment_mentions WHERE comment_id = c.id) AS mentions
  FROM comments c LEFT JOIN comment_meta m ON m.comment_id = c.id`;

type Raw = Omit<CommentWithMeta, 'mentions'> & { mentions: string };
const parse = (r: Raw): CommentWithMeta => ({ ...r, mentions: JSON.parse(r.mentions) as string[] });

/** Issue types, resolution and @mentions of comments (the comments themselves are in CommentRepo). */
export class CommentMetaRepo {
  private readonly upsertTypeStmt;
  private readonly resolveStmt;
  private readonly mentionStmt;
  private readonly getStmt;
  private readonly forSegmentStmt;
  private readonly mentioningStmt;
  private readonly forSegmentsStmt;

  constructor(db: Db) {
    this.upsertTypeStmt = db.prepare(`INSERT INTO comment_meta (comment_id, issue_type) VALUES (?, ?)
      ON CONFLICT (comment_id) DO UPDATE SET issue_type = excluded.issue_type`);
    this.resolveStmt = db.prepare(`INSERT INTO comment_meta (comment_id, resolved_by, resolved_at) VALUES (@id, @by, @at)
      ON CONFLICT (comment_id) DO UPDATE SET resolved_by = @by, resolved_at = @at`);
    this.mentionStmt = db.prepare('INSERT OR IGNORE INTO comment_mentions (comment_id, user_name) VALUES (?, ?)');
    this.getStmt = db.prepare(`${SELECT} WHERE c.id = ?`);
    this.forSegmentStmt = db.prepare(`${SELECT} WHERE c.segment_id = ? ORDER BY c.id`);
    this.forSegmentsStmt = db.prepare(`${SELECT} WHERE c.segment_id IN (SELECT value FROM json_each(?)) ORDER BY c.id`);
    this.mentioningStmt = db.prepare(`${SELECT} JOIN segments s ON s.id = c.segment_id
      WHERE c.id IN (SELECT comment_id FROM comment_mentions WHERE user_name = ?) ORDER BY c.id DESC LIMIT 200`);
  }

  setIssueType(commentId: number, issueType: string | null): void {
    this.upsertTypeStmt.run(commentId, issueType);
  }

  setResolved(commentId: number, actor: string | null): void {
    this.resolveStmt.run({ id: commentId, by: actor, at: actor === null ? null : now() });
  }

  mention(commentId: number, userName: string): void {
    this.mentionStmt.run(commentId, userName);
  }

  get(commentId: number): CommentWithMeta | undefined {
    const row = this.getStmt.get(commentId) as Raw | undefined;
    return row && parse(row);
  }

  forSegment(segmentId: number): CommentWithMeta[] {
    return (this.forSegmentStmt.all(segmentId) as Raw[]).map(parse);
  }

  /** The comments of several segments with what they carry, by segment (what the grid rows show). */
  forSegments(segmentIds: number[]): Map<number, CommentWithMeta[]> {
    const grouped = new Map<number, CommentWithMeta[]>();
    if (segmentIds.length === 0) return grouped;
    for (const row of (this.forSegmentsStmt.all(JSON.stringify(segmentIds)) as Raw[]).map(parse)) {
      let list = grouped.get(row.segmentId);
      if (!list) grouped.set(row.segmentId, (list = []));
      list.push(row);
    }
    return grouped;
  }

  mentioning(userName: string): CommentWithMeta[] {
    return (this.mentioningStmt.all(userName) as Raw[]).map(parse);
  }
}
