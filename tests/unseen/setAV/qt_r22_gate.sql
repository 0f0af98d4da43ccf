-- QuayLine R22 – gate module
-- shipped next to the client; run batch by batch by w_qt_schema_upgrade.wf_run_script (split on GO)
IF OBJECT_ID(N'dbo.qt_gate_visit', N'U') IS NULL
CREATE TABLE dbo.qt_gate_visit (
    visit_id      int IDENTITY(1,1) NOT NULL PRIMARY KEY,
    container_no  char(11)     NOT NULL,
    truck_plate   varchar(16)  NULL,
    gate_in_dt    datetime2(0) NOT NULL,
    vgm_kg        int          NULL
)
GO
ALTER TABLE dbo.qt_gate_visit ADD gate_out_dt datetime2(0) NULL
GO
/* R23 draft, not released yet:
ALTER TABLE dbo.qt_gate_visit ADD seal_no varchar(20) NULL
*/
