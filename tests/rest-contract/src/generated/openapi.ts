// Generated from the live document by `pnpm --filter @plinth/rest-contract generate`. Do not edit.
// The contract test fails when this file no longer matches what the server serves.

export interface paths {
    "/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account and get a session token
         * @description Create an account and get a session token. Runs the `auth.signup` procedure, the one tRPC callers use, with its rules and limits.
         */
        post: operations["authSignup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in and get a session token
         * @description Sign in and get a session token. Runs the `auth.login` procedure, the one tRPC callers use, with its rules and limits.
         */
        post: operations["authLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the session whose token authorizes this call
         * @description End the session whose token authorizes this call. Runs the `auth.logout` procedure, the one tRPC callers use, with its rules and limits.
         */
        post: operations["authLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in account
         * @description The signed-in account. Runs the `account.me` procedure, the one tRPC callers use, with its rules and limits.
         */
        get: operations["accountMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your API keys (never their tokens)
         * @description Your API keys (never their tokens). Runs the `apiKeys.list` procedure, the one tRPC callers use, with its rules and limits.
         */
        get: operations["apiKeysList"];
        put?: never;
        /**
         * Create an API key; its token is in this answer only
         * @description Create an API key; its token is in this answer only. Runs the `apiKeys.create` procedure, the one tRPC callers use, with its rules and limits.
         */
        post: operations["apiKeysCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Revoke an API key. Runs the `apiKeys.revoke` procedure, the one tRPC callers use, with its rules and limits.
         */
        delete: operations["apiKeysRevoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * People who share an organization with you, newest first
         * @description People who share an organization with you, newest first. Runs the `users.list` procedure, the one tRPC callers use, with its rules and limits.
         */
        get: operations["usersList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One person who shares an organization with you
         * @description One person who shares an organization with you. Runs the `users.byId` procedure, the one tRPC callers use, with its rules and limits.
         */
        get: operations["usersById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organizations you belong to
         * @description The organizations you belong to. Runs the `organizations.list` procedure, the one tRPC callers use, with its rules and limits.
         */
        get: operations["organizationsList"];
        put?: never;
        /**
         * Create an organization (you become its owner)
         * @description Create an organization (you become its owner). Runs the `organizations.create` procedure, the one tRPC callers use, with its rules and limits.
         */
        post: operations["organizationsCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/organizations/{organizationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One organization you belong to
         * @description One organization you belong to. Runs the `organizations.byId` procedure, the one tRPC callers use, with its rules and limits.
         */
        get: operations["organizationsById"];
        put?: never;
        post?: never;
        /**
         * Delete an organization (owners only)
         * @description Delete an organization (owners only). Runs the `organizations.delete` procedure, the one tRPC callers use, with its rules and limits.
         */
        delete: operations["organizationsDelete"];
        options?: never;
        head?: never;
        /**
         * Rename an organization
         * @description Rename an organization. Runs the `organizations.rename` procedure, the one tRPC callers use, with its rules and limits.
         */
        patch: operations["organizationsRename"];
        trace?: never;
    };
    "/organizations/{organizationId}/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organization's activity feed, newest first (admins and owners)
         * @description The organization's activity feed, newest first (admins and owners). Runs the `organizations.activity` procedure, the one tRPC callers use, with its rules and limits.
         */
        get: operations["organizationsActivity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/organizations/{organizationId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Members of an organization
         * @description Members of an organization. Runs the `organizations.members.list` procedure, the one tRPC callers use, with its rules and limits.
         */
        get: operations["organizationsMembersList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/organizations/{organizationId}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a member (their tasks become unassigned)
         * @description Remove a member (their tasks become unassigned). Runs the `organizations.members.remove` procedure, the one tRPC callers use, with its rules and limits.
         */
        delete: operations["organizationsMembersRemove"];
        options?: never;
        head?: never;
        /**
         * Change a member's role
         * @description Change a member's role. Runs the `organizations.members.changeRole` procedure, the one tRPC callers use, with its rules and limits.
         */
        patch: operations["organizationsMembersChangeRole"];
        trace?: never;
    };
    "/organizations/{organizationId}/membership": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Leave an organization
         * @description Leave an organization. Runs the `organizations.members.leave` procedure, the one tRPC callers use, with its rules and limits.
         */
        delete: operations["organizationsMembersLeave"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/organizations/{organizationId}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Pending invitations of an organization
         * @description Pending invitations of an organization. Runs the `organizations.invitations.listPending` procedure, the one tRPC callers use, with its rules and limits.
         */
        get: operations["organizationsInvitationsListPending"];
        put?: never;
        /**
         * Invite someone by email
         * @description Invite someone by email. Runs the `organizations.invitations.create` procedure, the one tRPC callers use, with its rules and limits.
         */
        post: operations["organizationsInvitationsCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/organizations/{organizationId}/invitations/{invitationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a pending invitation
         * @description Revoke a pending invitation. Runs the `organizations.invitations.revoke` procedure, the one tRPC callers use, with its rules and limits.
         */
        delete: operations["organizationsInvitationsRevoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invitations/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What an invitation token offers
         * @description What an invitation token offers. Runs the `organizations.invitations.preview` procedure, the one tRPC callers use, with its rules and limits.
         */
        get: operations["organizationsInvitationsPreview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an invitation with its token
         * @description Accept an invitation with its token. Runs the `organizations.invitations.accept` procedure, the one tRPC callers use, with its rules and limits.
         */
        post: operations["organizationsInvitationsAccept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invitations/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decline an invitation with its token
         * @description Decline an invitation with its token. Runs the `organizations.invitations.decline` procedure, the one tRPC callers use, with its rules and limits.
         */
        post: operations["organizationsInvitationsDecline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/organizations/{organizationId}/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Projects of an organization
         * @description Projects of an organization. Runs the `projects.list` procedure, the one tRPC callers use, with its rules and limits.
         */
        get: operations["projectsList"];
        put?: never;
        /**
         * Create a project
         * @description Create a project. Runs the `projects.create` procedure, the one tRPC callers use, with its rules and limits.
         */
        post: operations["projectsCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/organizations/{organizationId}/projects/{projectId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One project
         * @description One project. Runs the `projects.get` procedure, the one tRPC callers use, with its rules and limits.
         */
        get: operations["projectsGet"];
        put?: never;
        post?: never;
        /**
         * Delete a project and its tasks
         * @description Delete a project and its tasks. Runs the `projects.delete` procedure, the one tRPC callers use, with its rules and limits.
         */
        delete: operations["projectsDelete"];
        options?: never;
        head?: never;
        /**
         * Change a project's name or description
         * @description Change a project's name or description. Runs the `projects.update` procedure, the one tRPC callers use, with its rules and limits.
         */
        patch: operations["projectsUpdate"];
        trace?: never;
    };
    "/organizations/{organizationId}/projects/{projectId}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Archive a project
         * @description Archive a project. Runs the `projects.archive` procedure, the one tRPC callers use, with its rules and limits.
         */
        post: operations["projectsArchive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/organizations/{organizationId}/projects/{projectId}/unarchive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bring an archived project back
         * @description Bring an archived project back. Runs the `projects.unarchive` procedure, the one tRPC callers use, with its rules and limits.
         */
        post: operations["projectsUnarchive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/organizations/{organizationId}/projects/{projectId}/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Tasks of a project, filtered and sorted
         * @description Tasks of a project, filtered and sorted. Runs the `tasks.list` procedure, the one tRPC callers use, with its rules and limits.
         */
        get: operations["tasksList"];
        put?: never;
        /**
         * Create a task
         * @description Create a task. Runs the `tasks.create` procedure, the one tRPC callers use, with its rules and limits.
         */
        post: operations["tasksCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/organizations/{organizationId}/tasks/{taskId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One task
         * @description One task. Runs the `tasks.get` procedure, the one tRPC callers use, with its rules and limits.
         */
        get: operations["tasksGet"];
        put?: never;
        post?: never;
        /**
         * Delete a task
         * @description Delete a task. Runs the `tasks.delete` procedure, the one tRPC callers use, with its rules and limits.
         */
        delete: operations["tasksDelete"];
        options?: never;
        head?: never;
        /**
         * Change a task (send `version`, or the task's ETag as If-Match)
         * @description Change a task (send `version`, or the task's ETag as If-Match). Runs the `tasks.update` procedure, the one tRPC callers use, with its rules and limits.
         */
        patch: operations["tasksUpdate"];
        trace?: never;
    };
    "/organizations/{organizationId}/tasks/{taskId}/move": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a task to another project of the organization
         * @description Move a task to another project of the organization. Runs the `tasks.move` procedure, the one tRPC callers use, with its rules and limits.
         */
        post: operations["tasksMove"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/organizations/{organizationId}/tasks/{taskId}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Comments on a task, oldest first
         * @description Comments on a task, oldest first. Runs the `comments.list` procedure, the one tRPC callers use, with its rules and limits.
         */
        get: operations["commentsList"];
        put?: never;
        /**
         * Comment on a task
         * @description Comment on a task. Runs the `comments.add` procedure, the one tRPC callers use, with its rules and limits.
         */
        post: operations["commentsAdd"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/organizations/{organizationId}/comments/{commentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a comment
         * @description Delete a comment. Runs the `comments.delete` procedure, the one tRPC callers use, with its rules and limits.
         */
        delete: operations["commentsDelete"];
        options?: never;
        head?: never;
        /**
         * Edit your comment
         * @description Edit your comment. Runs the `comments.edit` procedure, the one tRPC callers use, with its rules and limits.
         */
        patch: operations["commentsEdit"];
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Another account, as the people who share an organization with it see it */
        PublicUser: {
            /** Format: uuid */
            id: string;
            name: string;
            /** Format: date-time */
            createdAt: string;
        };
        /** @description The signed-in account */
        Me: {
            /** Format: uuid */
            id: string;
            /** @description The account's verified or pending sign-in address */
            email: string;
            name: string;
            /**
             * @description `admin` may use the admin procedures
             * @enum {string}
             */
            role: "user" | "admin";
            emailVerified: boolean;
            /** Format: date-time */
            createdAt: string;
        };
        /** @description A new session for the account */
        SignIn: {
            user: components["schemas"]["Me"];
            /**
             * Format: date-time
             * @description When the new session ends unless it is used
             */
            expiresAt: string;
            /** @description Only with `sessionTransport: "bearer"`: send it as `Authorization: Bearer <token>` */
            sessionToken?: string;
            /** @description Only for bearer clients: send it back as `deviceToken` on the next sign-in */
            deviceToken?: string;
        };
        /** @description A project of an organization */
        Project: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            organizationId: string;
            name: string;
            /** @description Prefix of the project's task numbers, as in `WEB-42` */
            key: string;
            description: string;
            /** @description When the project was archived; null while it is active */
            archivedAt: string | null;
            /** @description Moves with every change; send it back with an update to refuse one based on an older read */
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @description A task as a list shows it */
        TaskListItem: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            projectId: string;
            /** @description Gapless per project; shown with the project's key, as in `WEB-42` */
            number: number;
            title: string;
            description: string;
            /** @enum {string} */
            status: "todo" | "in_progress" | "done" | "canceled";
            /** @description 0 (none) to 4 (urgent) */
            priority: number;
            assigneeId: string | null;
            /** @description A calendar date, `YYYY-MM-DD` */
            dueDate: string | null;
            /** @description The creator's user id; null once their account is gone */
            createdBy: string | null;
            /** @description Send it back with an update or move: one based on an older version is refused (STALE_WRITE) */
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            assignee: {
                /** Format: uuid */
                id: string;
                name: string | null;
            } | null;
            commentCount: number;
        };
        /** @description A task of a project */
        Task: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            projectId: string;
            /** @description Gapless per project; shown with the project's key, as in `WEB-42` */
            number: number;
            title: string;
            description: string;
            /** @enum {string} */
            status: "todo" | "in_progress" | "done" | "canceled";
            /** @description 0 (none) to 4 (urgent) */
            priority: number;
            assigneeId: string | null;
            /** @description A calendar date, `YYYY-MM-DD` */
            dueDate: string | null;
            /** @description The creator's user id; null once their account is gone */
            createdBy: string | null;
            /** @description Send it back with an update or move: one based on an older version is refused (STALE_WRITE) */
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @description A comment on a task */
        Comment: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            taskId: string;
            /** @description null once the author's account is gone */
            authorId: string | null;
            /** @description Filled in lists; null in the answer to `add` and `edit` */
            authorName: string | null;
            body: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @description An organization the caller belongs to */
        Organization: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @description Unique, URL-safe name: lowercase letters, digits and single hyphens */
            slug: string;
            /**
             * @description The caller's role in the organization
             * @enum {string}
             */
            role: "owner" | "admin" | "member";
            /** @description Moves with every change; send it back with a rename to refuse one based on an older read */
            version: number;
            /** Format: date-time */
            createdAt: string;
        };
        /** @description One entry of the organization's activity feed */
        Activity: {
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            occurredAt: string;
            /** @enum {string} */
            event: "signup" | "login_succeeded" | "login_failed" | "logout" | "logout_others" | "session_revoked" | "email_verified" | "password_changed" | "password_reset_requested" | "password_reset" | "email_change_requested" | "email_changed" | "user_disabled" | "user_enabled" | "api_key_created" | "api_key_revoked" | "organization_created" | "organization_updated" | "organization_deleted" | "invitation_created" | "invitation_accepted" | "invitation_declined" | "invitation_revoked" | "member_role_changed" | "member_removed" | "member_left" | "project_created" | "project_updated" | "project_archived" | "project_unarchived" | "project_deleted" | "task_created" | "task_updated" | "task_moved" | "task_deleted" | "comment_added" | "comment_edited" | "comment_deleted";
            /** @description Who did it; null when nobody was signed in (an invitation declined by its link) */
            actor: {
                /** Format: uuid */
                id: string;
                name: string | null;
            } | null;
            /** @description The user the event is about, when it is about one */
            subjectUserId: string | null;
            entityType: ("organization" | "membership" | "invitation" | "project" | "task" | "comment") | null;
            entityId: string | null;
            /** @description The fields that changed, before and after */
            changes: {
                before?: {
                    [key: string]: string | number | boolean | null;
                };
                after?: {
                    [key: string]: string | number | boolean | null;
                };
            } | null;
            /** @description The request that made the change, as in `x-request-id` */
            requestId: string | null;
        };
        /** @description A member of the organization, as other members see them */
        Member: {
            /** Format: uuid */
            userId: string;
            name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "member";
            /** Format: date-time */
            joinedAt: string;
        };
        /** @description A pending invitation to join the organization */
        Invitation: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            organizationId: string;
            /** @description The invited address; only an account with this email may accept */
            email: string;
            /**
             * @description The role the invitee gets on accepting
             * @enum {string}
             */
            role: "owner" | "admin" | "member";
            invitedBy: string | null;
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            createdAt: string;
        };
        /** @description What a mailed invitation token offers */
        InvitationPreview: {
            organizationName: string;
            /** @enum {string} */
            role: "owner" | "admin" | "member";
            email: string;
            invitedByName: string | null;
            /** Format: date-time */
            expiresAt: string;
        };
        /** @description The caller is now a member */
        InvitationAccepted: {
            /** Format: uuid */
            organizationId: string;
            /**
             * @description The caller's role now (their existing one if they were a member already)
             * @enum {string}
             */
            role: "owner" | "admin" | "member";
        };
        Error: {
            error: {
                /**
                 * @description Stable reason; switch on this
                 * @enum {string}
                 */
                code: "VALIDATION_FAILED" | "INVALID_CURSOR" | "MALFORMED_REQUEST" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "METHOD_NOT_ALLOWED" | "BATCH_TOO_LARGE" | "PROCEDURE_NOT_FOUND" | "NOT_FOUND" | "USER_NOT_FOUND" | "UNAUTHORIZED" | "INVALID_CREDENTIALS" | "FORBIDDEN" | "ORIGIN_NOT_ALLOWED" | "ACCOUNT_DISABLED" | "EMAIL_NOT_VERIFIED" | "CONFLICT" | "EMAIL_TAKEN" | "WEAK_PASSWORD" | "INVALID_TOKEN" | "CANNOT_DISABLE_SELF" | "SESSION_NOT_FOUND" | "TOO_MANY_REQUESTS" | "SERVICE_UNAVAILABLE" | "DATABASE_UNAVAILABLE" | "RATE_LIMIT_UNAVAILABLE" | "PASSWORD_QUEUE_FULL" | "INTERNAL" | "STALE_WRITE" | "PROJECT_KEY_TAKEN" | "ASSIGNEE_NOT_MEMBER" | "SLUG_TAKEN" | "LAST_OWNER" | "ALREADY_MEMBER" | "INVITATION_EMAIL_MISMATCH" | "ROUTE_NOT_FOUND" | "PRECONDITION_FAILED" | "IDEMPOTENCY_KEY_REUSED" | "IDEMPOTENCY_IN_PROGRESS" | "INVALID_IDEMPOTENCY_KEY" | "INSUFFICIENT_SCOPE" | "API_KEY_NOT_ALLOWED";
                message: string;
                details?: {
                    path: string;
                    message: string;
                }[];
                requestId: string;
            };
        };
    };
    responses: {
        /** @description Invalid input (VALIDATION_FAILED, INVALID_CURSOR, …) or malformed JSON */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No valid bearer token */
        Unauthorized: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Signed in, but not allowed (FORBIDDEN, EMAIL_NOT_VERIFIED; for an API key INSUFFICIENT_SCOPE, with `WWW-Authenticate: Bearer error="insufficient_scope"`, or API_KEY_NOT_ALLOWED for session-only routes) */
        Forbidden: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No such resource, or not yours */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Conflicts with the current state (EMAIL_TAKEN, STALE_WRITE, …) */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description If-Match no longer matches: the resource changed */
        PreconditionFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description IDEMPOTENCY_KEY_REUSED: this Idempotency-Key was used for a different request */
        UnprocessableContent: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The body is over the size limit */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The body is not application/json */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Rate limited; retry after the given seconds */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                RateLimit: components["headers"]["RateLimit"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Internal error; the body holds no detail */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description A dependency is down (DATABASE_UNAVAILABLE, RATE_LIMIT_UNAVAILABLE) or too many passwords are being checked at once (PASSWORD_QUEUE_FULL); retry after the given seconds */
        ServiceUnavailable: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description `Bearer`: send `Authorization: Bearer <token>` */
        "WWW-Authenticate": string;
        /** @description Seconds to wait before retrying */
        "Retry-After": number;
        /** @description IETF RateLimit: remaining points and seconds to reset per rule, e.g. `"global_ip";r=299;t=60` */
        RateLimit: string;
        /** @description IETF RateLimit-Policy: quota and window per rule, e.g. `"global_ip";q=300;w=60` */
        "RateLimit-Policy": string;
        /** @description Strong entity tag of the body; send it as If-None-Match or If-Match */
        ETag: string;
        /** @description The path of the created resource */
        Location: string;
        /** @description `true` when this is the stored answer of an earlier request with the same Idempotency-Key */
        "Idempotent-Replayed": "true";
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    authSignup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    password: string;
                    name: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["SignIn"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    authLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    password: string;
                    deviceToken?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["SignIn"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    authLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    accountMe: {
        parameters: {
            query?: never;
            header?: {
                /** @description An ETag you hold; 304 with no body if it is still current */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Me"];
                    };
                };
            };
            /** @description Not modified: your If-None-Match tag is current */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    apiKeysList: {
        parameters: {
            query?: never;
            header?: {
                /** @description An ETag you hold; 304 with no body if it is still current */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** Format: uuid */
                            id: string;
                            publicId: string;
                            name: string;
                            scopes: ("read" | "write")[];
                            /** Format: date-time */
                            createdAt: string;
                            lastUsedAt: string | null;
                            expiresAt: string | null;
                        }[];
                    };
                };
            };
            /** @description Not modified: your If-None-Match tag is current */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    apiKeysCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    scopes: ("read" | "write")[];
                    expiresInDays?: number;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            token: string;
                            key: {
                                /** Format: uuid */
                                id: string;
                                publicId: string;
                                name: string;
                                scopes: ("read" | "write")[];
                                /** Format: date-time */
                                createdAt: string;
                                lastUsedAt: string | null;
                                expiresAt: string | null;
                            };
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    apiKeysRevoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    usersList: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string | null;
                direction?: "forward";
            };
            header?: {
                /** @description An ETag you hold; 304 with no body if it is still current */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The users on this page, in the list's order */
                        data: components["schemas"]["PublicUser"][];
                        meta: {
                            /** @description Send back as `?cursor=` for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
            };
            /** @description Not modified: your If-None-Match tag is current */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    usersById: {
        parameters: {
            query?: never;
            header?: {
                /** @description An ETag you hold; 304 with no body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["PublicUser"];
                    };
                };
            };
            /** @description Not modified: your If-None-Match tag is current */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    organizationsList: {
        parameters: {
            query?: never;
            header?: {
                /** @description An ETag you hold; 304 with no body if it is still current */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Every organization the caller belongs to */
                        data: components["schemas"]["Organization"][];
                    };
                };
            };
            /** @description Not modified: your If-None-Match tag is current */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    organizationsCreate: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h replay the stored answer (`Idempotent-Replayed: true`) instead of creating again; the same key with another body is 422 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    slug: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Organization"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    organizationsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description An ETag you hold; 304 with no body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                organizationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Organization"];
                    };
                };
            };
            /** @description Not modified: your If-None-Match tag is current */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    organizationsDelete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                organizationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    organizationsRename: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the resource as you read it; 412 if it changed since */
                "If-Match"?: string;
            };
            path: {
                organizationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description The organization's version as you read it; if it moved since, the rename is refused (STALE_WRITE) */
                    version?: number;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Organization"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    organizationsActivity: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string | null;
                direction?: "forward";
            };
            header?: {
                /** @description An ETag you hold; 304 with no body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                organizationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The activity entries on this page, in the list's order */
                        data: components["schemas"]["Activity"][];
                        meta: {
                            /** @description Send back as `?cursor=` for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
            };
            /** @description Not modified: your If-None-Match tag is current */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    organizationsMembersList: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string | null;
                direction?: "forward";
            };
            header?: {
                /** @description An ETag you hold; 304 with no body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                organizationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The members on this page, in the list's order */
                        data: components["schemas"]["Member"][];
                        meta: {
                            /** @description Send back as `?cursor=` for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
            };
            /** @description Not modified: your If-None-Match tag is current */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    organizationsMembersRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                organizationId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    organizationsMembersChangeRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                organizationId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    role: "owner" | "admin" | "member";
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Member"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    organizationsMembersLeave: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                organizationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    organizationsInvitationsListPending: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string | null;
                direction?: "forward";
            };
            header?: {
                /** @description An ETag you hold; 304 with no body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                organizationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The pending invitations on this page, in the list's order */
                        data: components["schemas"]["Invitation"][];
                        meta: {
                            /** @description Send back as `?cursor=` for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
            };
            /** @description Not modified: your If-None-Match tag is current */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    organizationsInvitationsCreate: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h replay the stored answer (`Idempotent-Replayed: true`) instead of creating again; the same key with another body is 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                organizationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    /**
                     * @default member
                     * @enum {string}
                     */
                    role?: "owner" | "admin" | "member";
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Invitation"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    organizationsInvitationsRevoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                organizationId: string;
                invitationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    organizationsInvitationsPreview: {
        parameters: {
            query: {
                token: string;
            };
            header?: {
                /** @description An ETag you hold; 304 with no body if it is still current */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["InvitationPreview"];
                    };
                };
            };
            /** @description Not modified: your If-None-Match tag is current */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    organizationsInvitationsAccept: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["InvitationAccepted"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    organizationsInvitationsDecline: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                };
            };
        };
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    projectsList: {
        parameters: {
            query?: {
                includeArchived?: boolean;
                limit?: number;
                cursor?: string | null;
                direction?: "forward";
            };
            header?: {
                /** @description An ETag you hold; 304 with no body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                organizationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The projects on this page, in the list's order */
                        data: components["schemas"]["Project"][];
                        meta: {
                            /** @description Send back as `?cursor=` for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
            };
            /** @description Not modified: your If-None-Match tag is current */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    projectsCreate: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h replay the stored answer (`Idempotent-Replayed: true`) instead of creating again; the same key with another body is 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                organizationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    key: string;
                    description?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Project"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    projectsGet: {
        parameters: {
            query?: never;
            header?: {
                /** @description An ETag you hold; 304 with no body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                organizationId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Project"];
                    };
                };
            };
            /** @description Not modified: your If-None-Match tag is current */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    projectsDelete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                organizationId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    projectsUpdate: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the resource as you read it; 412 if it changed since */
                "If-Match"?: string;
            };
            path: {
                organizationId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    name?: string;
                    description?: string;
                    /** @description The project's version as you read it; if it moved since, the change is refused (STALE_WRITE) */
                    version?: number;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Project"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    projectsArchive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                organizationId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Project"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    projectsUnarchive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                organizationId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Project"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    tasksList: {
        parameters: {
            query?: {
                statuses?: ("todo" | "in_progress" | "done" | "canceled")[];
                assignee?: string | "me" | "unassigned";
                priority?: number;
                dueFrom?: string;
                dueTo?: string;
                search?: string;
                sort?: "created" | "updated" | "priority" | "due";
                limit?: number;
                cursor?: string | null;
                direction?: "forward";
            };
            header?: {
                /** @description An ETag you hold; 304 with no body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                organizationId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The tasks on this page, in the list's order */
                        data: components["schemas"]["TaskListItem"][];
                        meta: {
                            /** @description Send back as `?cursor=` for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
            };
            /** @description Not modified: your If-None-Match tag is current */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    tasksCreate: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h replay the stored answer (`Idempotent-Replayed: true`) instead of creating again; the same key with another body is 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                organizationId: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title: string;
                    description?: string;
                    /** @enum {string} */
                    status?: "todo" | "in_progress" | "done" | "canceled";
                    priority?: number;
                    assigneeId?: string | null;
                    dueDate?: string | null;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Task"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    tasksGet: {
        parameters: {
            query?: never;
            header?: {
                /** @description An ETag you hold; 304 with no body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                organizationId: string;
                taskId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Task"];
                    };
                };
            };
            /** @description Not modified: your If-None-Match tag is current */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    tasksDelete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                organizationId: string;
                taskId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    tasksUpdate: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the resource as you read it; 412 if it changed since */
                "If-Match"?: string;
            };
            path: {
                organizationId: string;
                taskId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    version?: number;
                    title?: string;
                    description?: string;
                    /** @enum {string} */
                    status?: "todo" | "in_progress" | "done" | "canceled";
                    priority?: number;
                    assigneeId?: string | null;
                    dueDate?: string | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Task"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    tasksMove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                organizationId: string;
                taskId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    toProjectId: string;
                    version: number;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Task"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    commentsList: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string | null;
                direction?: "forward";
            };
            header?: {
                /** @description An ETag you hold; 304 with no body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                organizationId: string;
                taskId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The comments on this page, in the list's order */
                        data: components["schemas"]["Comment"][];
                        meta: {
                            /** @description Send back as `?cursor=` for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
            };
            /** @description Not modified: your If-None-Match tag is current */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    commentsAdd: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h replay the stored answer (`Idempotent-Replayed: true`) instead of creating again; the same key with another body is 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                organizationId: string;
                taskId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    body: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Comment"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    commentsDelete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                organizationId: string;
                commentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    commentsEdit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                organizationId: string;
                commentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    body: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Comment"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}
