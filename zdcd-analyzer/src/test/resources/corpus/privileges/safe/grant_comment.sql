GRANT SELECT ON users TO reporting;
