CREATE POLICY tenant_read ON documents FOR SELECT USING (tenant_id = current_setting('app.tenant')::int);
