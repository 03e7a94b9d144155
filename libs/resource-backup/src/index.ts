// Public entry of @ferry/resource-backup.
export {};
