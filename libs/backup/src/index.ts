// Public entry of @ferry/backup.
export {};
