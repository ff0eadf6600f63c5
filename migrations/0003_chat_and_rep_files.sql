CREATE TABLE `conversation_messages` (
	`conversation_id` text NOT NULL,
	`seq` integer NOT NULL,
	`id` text NOT NULL,
	`role` text NOT NULL,
	`text` text NOT NULL,
	`advice` text,
	`carried` text,
	`at` text NOT NULL,
	PRIMARY KEY(`conversation_id`, `seq`),
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_user` text NOT NULL,
	`owner_team` text NOT NULL,
	`rep_id` text,
	`title` text NOT NULL,
	`lang` text NOT NULL,
	`state` text NOT NULL,
	`turns` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `conversations_owner` ON `conversations` (`owner_user`,`updated_at`);--> statement-breakpoint
CREATE INDEX `conversations_rep` ON `conversations` (`rep_id`);--> statement-breakpoint
CREATE TABLE `rep_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`rep_id` text NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`at` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`rep_id`) REFERENCES `reps`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rep_notes_rep` ON `rep_notes` (`rep_id`,`at`);--> statement-breakpoint
CREATE TABLE `reps` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_user` text NOT NULL,
	`owner_team` text NOT NULL,
	`name` text NOT NULL,
	`start_date` text,
	`type` text,
	`profile` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `reps_owner` ON `reps` (`owner_user`,`updated_at`);