resource "aws_s3_bucket" "phi_exports" {
  bucket = "clinic-phi-exports"
}

resource "aws_s3_bucket_public_access_block" "phi_exports" {
  bucket                  = aws_s3_bucket.phi_exports.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_logging" "phi_exports" {
  bucket        = aws_s3_bucket.phi_exports.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "s3/phi-exports/"
}

# Added for the lab-results archive job: logging and public access block, but no encryption.
resource "aws_s3_bucket" "lab_results_archive" {
  bucket = "clinic-lab-results-archive"
}

resource "aws_s3_bucket_public_access_block" "lab_results_archive" {
  bucket                  = aws_s3_bucket.lab_results_archive.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_logging" "lab_results_archive" {
  bucket        = aws_s3_bucket.lab_results_archive.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "s3/lab-results-archive/"
}

# Photos patients upload in the portal (insurance cards, wound photos).
resource "aws_s3_bucket" "portal_uploads" {
  bucket = "clinic-portal-uploads"
}

resource "aws_s3_bucket_acl" "portal_uploads" {
  bucket = aws_s3_bucket.portal_uploads.id
  acl    = "public-read"
}

resource "aws_s3_bucket" "access_logs" {
  bucket = "clinic-access-logs"
}

resource "aws_s3_bucket" "cloudtrail_logs" {
  bucket = "clinic-cloudtrail-logs"
}

module "visit_notes" {
  source      = "./modules/phi-bucket"
  name        = "clinic-visit-notes"
  kms_key_arn = aws_kms_key.phi.arn
  log_bucket  = aws_s3_bucket.access_logs.id
}

resource "aws_efs_file_system" "scanned_records" {
  creation_token = "clinic-scanned-records"
  tags = {
    Name = "scanned paper records"
  }
}
