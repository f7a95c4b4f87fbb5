resource "aws_db_instance" "ehr" {
  identifier                      = "clinic-ehr"
  engine                          = "postgres"
  engine_version                  = "16.3"
  instance_class                  = "db.t3.medium"
  allocated_storage               = 100
  username                        = "clinic_admin"
  manage_master_user_password     = true
  storage_encrypted               = true
  kms_key_id                      = aws_kms_key.phi.arn
  db_subnet_group_name            = aws_db_subnet_group.private.name
  vpc_security_group_ids          = [aws_security_group.db.id]
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]
  publicly_accessible             = true
  backup_retention_period         = 14
}

resource "aws_db_subnet_group" "private" {
  name       = "clinic-private"
  subnet_ids = var.private_subnet_ids
}

# Read replica for the reporting routes (server/routes/reports.ts).
module "reporting_db" {
  source                          = "terraform-aws-modules/rds/aws"
  version                         = "~> 6.0"
  identifier                      = "clinic-reporting"
  replicate_source_db             = aws_db_instance.ehr.identifier
  engine                          = "postgres"
  instance_class                  = "db.t3.medium"
  vpc_security_group_ids          = [aws_security_group.db.id]
  enabled_cloudwatch_logs_exports = ["postgresql"]
}
