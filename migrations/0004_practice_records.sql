CREATE TABLE `practice_criteria` (
	`record_id` text NOT NULL,
	`owner_user` text NOT NULL,
	`owner_team` text NOT NULL,
	`criterion` text NOT NULL,
	`met` integer NOT NULL,
	PRIMARY KEY(`record_id`, `criterion`),
	FOREIGN KEY (`record_id`) REFERENCES `practice_records`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `practice_criteria_team` ON `practice_criteria` (`owner_team`,`owner_user`,`criterion`,`met`);--> statement-breakpoint
CREATE INDEX `practice_criteria_user` ON `practice_criteria` (`owner_user`,`criterion`,`met`);--> statement-breakpoint
CREATE TABLE `practice_records` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_user` text NOT NULL,
	`owner_team` text NOT NULL,
	`kind` text NOT NULL,
	`at` text NOT NULL,
	`score` real NOT NULL,
	`f` integer,
	`a` integer,
	`b` integer,
	`e` integer,
	`product` text,
	`drill` text,
	`persona` text,
	`session_id` text,
	`detail` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `practice_owner` ON `practice_records` (`owner_user`,`kind`,`at`);--> statement-breakpoint
CREATE INDEX `practice_team` ON `practice_records` (`owner_team`,`owner_user`,`kind`,`at`,`score`,`f`,`a`,`b`,`e`);--> statement-breakpoint
CREATE UNIQUE INDEX `practice_session` ON `practice_records` (`session_id`);