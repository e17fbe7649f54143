DROP POLICY tenant_read ON documents;
