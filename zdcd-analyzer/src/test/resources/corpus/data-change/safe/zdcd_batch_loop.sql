-- schema: CREATE TABLE users (id bigint PRIMARY KEY, locale text);
DO $zdcd_batch$
DECLARE
    zdcd_lo bigint;
    zdcd_hi bigint;
    zdcd_last bigint;
BEGIN
    SELECT min(id), max(id) INTO zdcd_lo, zdcd_last FROM users;
    WHILE zdcd_lo <= zdcd_last LOOP
        zdcd_hi := zdcd_lo + 1000;
        UPDATE users SET locale = 'en' WHERE id >= zdcd_lo AND id < zdcd_hi AND (locale IS NULL);
        COMMIT;
        RAISE NOTICE 'zdcd batch: % to % of %', zdcd_lo, zdcd_hi - 1, zdcd_last;
        zdcd_lo := zdcd_hi;
    END LOOP;
END
$zdcd_batch$;
