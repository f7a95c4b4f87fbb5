# The public access block for this bucket is created by a local module, given the bucket's id.
resource "aws_s3_bucket" "patient_letters" {
  bucket = "clinic-patient-letters"
}

module "patient_letters_private" {
  source    = "./modules/private-access"
  bucket_id = aws_s3_bucket.patient_letters.id
}
