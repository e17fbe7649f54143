# The models are defined by the migrations alone (sqlmigrate reads only the migration files).
