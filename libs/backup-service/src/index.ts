// Public entry of @ferry/backup-service.
export {};
