-- A function of another schema is unknown code: it can take any lock and change any schema.
SELECT myschema.do_things();
