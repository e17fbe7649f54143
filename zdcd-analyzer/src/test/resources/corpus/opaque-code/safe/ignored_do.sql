-- zdcd:ignore opaque-code only raises a notice
DO $$ BEGIN RAISE NOTICE 'hi'; END $$;
