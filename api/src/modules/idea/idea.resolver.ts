/** Idea operations (placeholder until the idea module lands). */
import { Resolver } from 'type-graphql';
import type { CommentService } from '../comment/comment.service.js';
import type { IdeaService } from './idea.service.js';

@Resolver()
export class IdeaResolver {
  constructor(
    readonly ideas: IdeaService,
    readonly comments: CommentService,
  ) {}
}
