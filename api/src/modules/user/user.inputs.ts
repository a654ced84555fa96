/** Inputs of the account operations. */
import { IsOptional, IsIn, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A new resident account.' })
export class SignUpInput {
  @MaxLength(254)
  @Field(() => String, { description: 'E-mail (private).' })
  email: string;

  @MaxLength(200)
  @Field(() => String, { description: 'Password, at least 10 characters.' })
  password: string;

  @MaxLength(80)
  @Field(() => String, { description: 'Name shown to others.' })
  displayName: string;

  @IsOptional()
  @IsIn(['en', 'es'])
  @Field(() => String, { nullable: true, description: 'Language: en (default) or es.' })
  locale?: string | null;
}

@InputType({ description: 'Credentials.' })
export class SignInInput {
  @MaxLength(254)
  @Field(() => String, { description: 'E-mail.' })
  email: string;

  @MaxLength(200)
  @Field(() => String, { description: 'Password.' })
  password: string;
}

@InputType({ description: 'Changes to your own account; omitted fields stay.' })
export class UpdateViewerInput {
  @IsOptional()
  @MaxLength(200)
  @Field(() => String, { nullable: true, description: 'New display name, 1 to 80 characters.' })
  displayName?: string | null;

  @IsOptional()
  @IsIn(['en', 'es'])
  @Field(() => String, {
    nullable: true,
    description: 'Language of the interface and of e-mail and texts: en or es.',
  })
  locale?: string | null;
}
